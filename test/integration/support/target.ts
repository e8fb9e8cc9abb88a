// A re-send target for tests: a real node:http server on loopback that records every request
// (raw header pairs, body bytes, arrival time) and answers by path:
//   /ok → 200 {}          /fail → 500          /hang → never answers     /close → drops the socket
//   /redirect → 302 to /ok                      /flaky/<n> → 500 for the first n requests, then 200
//   /fail-marked → 500 when the body contains "fail-me", else 200
// `?delay=<ms>` delays the answer; `maxInFlight` is the most requests open at once.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Received {
  method: string;
  path: string;
  headers: Array<[string, string]>;
  body: Buffer;
  /** performance.now() when the body was complete. */
  at: number;
}

export interface Target {
  url: (path: string) => string;
  received: Received[];
  maxInFlight: number;
  /** Resolves once `n` requests have been received. */
  waitFor(n: number): Promise<void>;
  close(): Promise<void>;
}

/** `port`: listen there (a target that was down and comes up on the port it was configured with). */
export async function startTarget(options: { port?: number } = {}): Promise<Target> {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  let inFlight = 0;
  let flakyCount = 0;
  const state = { maxInFlight: 0 };

  const answer = (req: IncomingMessage, res: ServerResponse, rec: Received) => {
    const path = rec.path;
    if (path === '/hang') return;
    if (path === '/close') return req.socket.destroy();
    if (path === '/redirect') return res.writeHead(302, { location: '/ok' }).end();
    let status = 200;
    if (path === '/fail') status = 500;
    const flaky = /^\/flaky\/(\d+)$/.exec(path);
    if (flaky && ++flakyCount <= Number(flaky[1])) status = 500;
    if (path === '/fail-marked' && rec.body.includes('fail-me')) status = 500;
    res.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '{}' : '{"error":"test failure"}');
  };

  const server = createServer((req, res) => {
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    const done = () => void inFlight--;
    res.on('close', done);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const headers: Array<[string, string]> = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
      const rec: Received = { method: req.method ?? '', path: url.pathname, headers, body: Buffer.concat(chunks), at: performance.now() };
      received.push(rec);
      for (const w of waiters.filter((w) => received.length >= w.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      const delay = Number(url.searchParams.get('delay') ?? 0);
      if (delay > 0) setTimeout(() => answer(req, res, rec), delay);
      else answer(req, res, rec);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    get maxInFlight() {
      return state.maxInFlight;
    },
    waitFor: (n) => (received.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }))),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Gaps between consecutive arrivals, in ms. */
export function gaps(received: Received[]): number[] {
  return received.slice(1).map((r, i) => r.at - received[i]!.at);
}
