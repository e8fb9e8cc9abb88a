// The receiver keeps serving others while clients trickle their bodies and while an oversized body
// is being refused; a stalled body is cut by the request timeout and still recorded as truncated.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore } from '../integration/support/core.js';
import { send } from '../integration/support/http.js';

let core: Awaited<ReturnType<typeof startTestCore>>;
beforeAll(async () => {
  core = await startTestCore({ bodyLimit: 256 * 1024, receiverTimeouts: { headersMs: 1_000, requestMs: 1_500, idleMs: 1_000 } });
});
afterAll(() => core.cleanup());

function trickle(path: string, declared: number) {
  const socket = connect(core.receiver.port, '127.0.0.1');
  socket.on('error', () => {});
  socket.resume(); // an unread socket never sees the server's end, so would never close
  socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n`);
  const timer = setInterval(() => socket.write('['), 100);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { closed, stop: () => clearInterval(timer) };
}

describe('slow and oversized clients', () => {
  it('answers other deliveries while 20 clients trickle bodies and a 5 MB body is refused', async () => {
    const slow = Array.from({ length: 20 }, (_, i) => trickle(`/slow/${i}`, 1_000_000));
    const oversized = send(core.receiver.url, { body: Buffer.alloc(5 * 1024 * 1024, 'x') });
    const normal = await Promise.all(Array.from({ length: 20 }, (_, i) => send(core.receiver.url, { body: `{"n":${i}}` })));
    expect(normal.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect((await oversized).status).toBe(413);

    // The request timeout ends each trickle; what arrived is kept, flagged truncated.
    await Promise.all(slow.map((s) => s.closed));
    slow.forEach((s) => s.stop());
    const trickled = (await core.api.listDeliveries({ limit: 100 })).items.filter((d) => d.path.startsWith('/slow/'));
    expect(trickled).toHaveLength(20);
    expect(trickled.every((d) => d.truncated && d.size > 0)).toBe(true);
  }, 30_000);
});
