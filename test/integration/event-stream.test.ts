// The UI's event stream under a slow reader: a tab that falls behind is not cut off; it is sent none
// of the events it can refetch until it has caught up, then one `resync` says how many it missed.
// A reader that stops reading altogether is still cut off, so that the core cannot buffer forever.
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResyncNotice } from '../../shared/api.js';
import type { DeliverySummary, JobInfo } from '../../shared/model.js';
import { startHttpApi, type HttpApi } from '../../main/hosts/http/http-api.js';
import { EventBus } from '../../main/core/events/event-bus.js';
import { LAG_BYTES, streamEvents } from '../../main/hosts/http/event-stream.js';
import { startTestCore } from './support/core.js';
import { send } from './support/http.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
const token = 'stream-token';
let core: Awaited<ReturnType<typeof startTestCore>>;
let api: HttpApi;
/** The stream's own bus, so that the core's announcements of the one stored delivery don't mix in; a stream that throws fails the test. */
const events = new EventBus((error) => {
  throw error;
});
let summary: DeliverySummary;

beforeAll(async () => {
  core = await startTestCore();
  api = await startHttpApi({ service: core.service, events, token, port: 0 });
  await send(core.receiver.url, { body: seed });
  summary = (await core.api.listDeliveries({})).items[0]!;
});
afterAll(async () => {
  await api.close();
  await core.cleanup();
});

interface Frame {
  event: string;
  data: unknown;
}

/** An SSE client whose reading can be paused; frames are parsed as they are read. */
async function openStream(url = `${api.url}api/events?token=${token}`) {
  const frames: Frame[] = [];
  let text = '';
  let closed = false;
  const req = request(url);
  const res = await new Promise<IncomingMessage>((resolve) => req.on('response', resolve).end());
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    text += chunk;
    let end: number;
    while ((end = text.indexOf('\n\n')) >= 0) {
      const block = text.slice(0, end);
      text = text.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) frames.push({ event, data: JSON.parse(data) });
    }
  });
  res.on('close', () => (closed = true));
  await new Promise((resolve) => res.once('data', resolve));
  return { res, frames, isClosed: () => closed, close: () => req.destroy() };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Emits `count` announcements, yielding now and then so that the sockets move what they can: before a
 * turn's writes alone reach LAG_BYTES. The reader then lags only once the kernel's buffers are full,
 * as a paused tab's are; a turn writing more would look like a lag at every turn while the kernel
 * still took it all (the yield had been every 500 events, which a summary ~70 bytes larger passed).
 */
async function announce(first: number, count: number) {
  const perTurn = Math.floor(LAG_BYTES / 2 / (JSON.stringify(summary).length + 64));
  for (let i = 0; i < count; i++) {
    events.emit('deliveryReceived', { ...summary, id: first + i });
    if (i % perTurn === perTurn - 1) await turn();
  }
}

describe('event stream to a slow reader', () => {
  it('skips refetchable events while the reader lags, keeps the others, then sends one resync and goes on', async () => {
    const stream = await openStream();
    stream.res.pause();
    // Far more than the loopback socket buffers hold, so the core's own buffer fills up.
    const count = 40_000;
    await announce(1_000_000, count / 2);
    events.emit('backlog', { pending: 1234 });
    await announce(1_000_000 + count / 2, count / 2);
    stream.res.resume();

    await expect.poll(() => stream.frames.some((f) => f.event === 'resync'), { timeout: 20_000 }).toBe(true);
    await announce(2_000_000, 1);
    await expect.poll(() => stream.frames.at(-1)?.event, { timeout: 5_000 }).toBe('deliveryReceived');
    expect(stream.isClosed()).toBe(false);

    const resync = stream.frames.filter((f) => f.event === 'resync');
    expect(resync).toHaveLength(1);
    const skipped = (resync[0]!.data as ResyncNotice).skipped.deliveryReceived ?? 0;
    const announced = stream.frames.filter((f) => f.event === 'deliveryReceived').map((f) => (f.data as DeliverySummary).id);
    expect(skipped).toBeGreaterThan(0);
    // Nothing is lost without being counted: what was sent plus what was skipped is what was announced.
    expect(announced.length - 1 + skipped).toBe(count);
    // What was sent went out in order, and the resync comes before anything announced after it.
    expect(announced).toEqual([...announced].sort((a, b) => a - b));
    expect(stream.frames.findIndex((f) => f.event === 'resync')).toBe(stream.frames.length - 2);
    // Events that cannot be refetched are never skipped.
    expect(stream.frames.filter((f) => f.event === 'backlog').map((f) => f.data)).toEqual([{ pending: 1234 }]);
    stream.close();
  }, 60_000);

  it('cuts off a reader that stops reading while events it cannot refetch pile up', async () => {
    const stream = await openStream();
    stream.res.pause();
    const job = {
      id: 1,
      kind: 'bulk',
      state: 'running',
      label: 'x'.repeat(2_000),
      total: 1,
      completed: 0,
      succeeded: 0,
      failed: 0,
      attempts: 0,
      outcomes: {},
    } as unknown as JobInfo;
    const count = 20_000;
    for (let i = 0; i < count; i++) {
      events.emit('jobProgress', { ...job, completed: i });
      if (i % 200 === 199) await turn();
    }
    // The close is seen only once the reader reads again up to it: the stream ends short, by itself.
    stream.res.resume();
    await expect.poll(() => stream.isClosed(), { timeout: 10_000 }).toBe(true);
    const progress = stream.frames.filter((f) => f.event === 'jobProgress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.length).toBeLessThan(count);
  }, 60_000);

  it('resumes a reader that caught up even when no drain comes (a high-water mark above the lag limit)', async () => {
    const server = createServer({ highWaterMark: 4 * 1024 * 1024 }, (_req, res) => streamEvents(res, events));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const stream = await openStream(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      stream.res.pause();
      await announce(3_000_000, 40_000);
      stream.res.resume();
      // Everything sent has been read once nothing more comes in a while.
      let seen = -1;
      await expect
        .poll(() => (seen === (seen = stream.frames.length) ? 'quiet' : 'reading'), { interval: 300, timeout: 20_000 })
        .toBe('quiet');
      expect(stream.frames.some((f) => f.event === 'resync')).toBe(false);
      await announce(4_000_000, 1);
      await expect.poll(() => stream.frames.slice(-2).map((f) => f.event), { timeout: 5_000 }).toEqual(['resync', 'deliveryReceived']);
      const skipped = (stream.frames.at(-2)!.data as ResyncNotice).skipped.deliveryReceived!;
      expect(stream.frames.filter((f) => f.event === 'deliveryReceived').length - 1 + skipped).toBe(40_000);
      stream.close();
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }, 60_000);
});
