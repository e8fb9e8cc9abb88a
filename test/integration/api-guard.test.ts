// The API's token guard holds for every spelling of a URL that the router accepts: what reaches an
// operation or a stream without the token is a hole, whatever path led there.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../shared/api.js';
import { startHttpApi, type HttpApi } from '../../main/hosts/http/http-api.js';
import { registerStaticUi } from '../../main/hosts/http/static-ui.js';
import { startTestCore } from './support/core.js';

const token = 'guard-test-token';
let core: Awaited<ReturnType<typeof startTestCore>>;
let api: HttpApi;

beforeAll(async () => {
  core = await startTestCore();
  // With the static UI registered, as `serve` runs it: its wildcard route is a second router entry.
  api = await startHttpApi({
    service: core.service,
    events: core.events,
    token,
    port: 0,
    register: (app) => registerStaticUi(app, '/nonexistent-ui-dir'),
  });
});
afterAll(async () => {
  await api.close();
  await core.cleanup();
});

/** One request written byte for byte: the request-target is sent exactly as given. */
function raw(method: string, target: string, headers: Record<string, string> = {}, body = ''): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(api.port, '127.0.0.1');
    const lines = [`${method} ${target} HTTP/1.1`, `Host: 127.0.0.1:${api.port}`, 'Connection: close'];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    if (method === 'POST') lines.push('Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`);
    socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
    };
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      // A stream never ends by itself: its status line and first bytes are all this test needs.
      if (
        Buffer.concat(chunks).toString('utf8').includes('\r\n\r\n') &&
        /text\/event-stream/.test(Buffer.concat(chunks).toString('utf8'))
      ) {
        finish();
        socket.destroy();
      }
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', reject);
  });
}

/** The spellings of `/api/<rest>` that a router, a proxy or a URL parser may take for it. */
function spellings(rest: string): string[] {
  const origin = `http://127.0.0.1:${api.port}`;
  return [
    `/api/${rest}`,
    `/%61pi/${rest}`,
    `/%61%70%69/${rest}`,
    `/api/%${rest.charCodeAt(0).toString(16)}${rest.slice(1)}`,
    `${origin}/api/${rest}`,
    `${origin}/%61pi/${rest}`,
    `http://localhost:${api.port}/api/${rest}`,
    `//api/${rest}`,
    `/api//${rest}`,
    `/./api/${rest}`,
    `/x/../api/${rest}`,
    `/api/./${rest}`,
    `/API/${rest}`,
    `/Api/${rest}`,
    `/api/${rest}/`,
    `/api/${rest};x=1`,
    `/api%2f${rest}`,
    `/api%2F${rest}`,
    `/api/${rest}%00`,
    `/api/${rest}#x`,
  ];
}

describe('the API guard', () => {
  it('answers no operation without the token, however its URL is spelled', async () => {
    const leaks: string[] = [];
    for (const op of Object.keys(operations)) {
      for (const target of spellings(op)) {
        const res = await raw('POST', target, {}, '{}');
        // 401 (guarded), 404 (no such route) and 400 (not a URL) all keep the operation unrun.
        if (res.status === 200 || res.text.includes('"result"')) leaks.push(`${target} -> ${res.status}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('guards both event streams the same way, and a query token is taken only on them', async () => {
    const leaks: string[] = [];
    for (const stream of ['events', 'wait?match=x']) {
      for (const target of spellings(stream)) {
        const res = await raw('GET', target);
        if (res.status === 200) leaks.push(`${target} -> ${res.status}`);
      }
    }
    expect(leaks).toEqual([]);
    expect((await raw('POST', `/api/info?token=${token}`, {}, '{}')).status).toBe(401);
  });

  it('still lets the token through on the canonical spelling, and on the ones the router maps to it', async () => {
    const auth = { Authorization: `Bearer ${token}` };
    expect((await raw('POST', '/api/info', auth, '{}')).status).toBe(200);
    // Equivalent spellings reach the same guarded handler: with the token they work, without it they don't.
    const encoded = await raw('POST', '/%61pi/info', auth, '{}');
    expect([200, 404]).toContain(encoded.status);
    expect((await raw('GET', `/api/events?token=${token}`)).status).toBe(200);
    expect((await raw('GET', `/api/wait?match=x&token=${token}`)).status).toBe(200);
  });

  it('refuses a wrong token of the right length, and a token given twice in the query', async () => {
    expect((await raw('POST', '/api/info', { Authorization: `Bearer ${'x'.repeat(token.length)}` }, '{}')).status).toBe(401);
    expect((await raw('GET', `/api/events?token=${token}&token=${token}`)).status).toBe(401);
  });
});
