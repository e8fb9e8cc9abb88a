// The API over HTTP for the browser host: one POST route per operation of shared/api.ts (derived from
// the table, never listed by hand) plus an SSE stream of events. Loopback only, bearer token, and a
// Host check so that a web page elsewhere cannot reach it by DNS rebinding.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ApiInputError, eventNames, isOpName, operations, parseInput, type ApiService, type OpName } from '../../../shared/api.js';
import type { EventBus } from '../service/events.js';

export interface HttpApiOptions {
  service: ApiService;
  events: EventBus;
  token: string;
  port: number;
  /** Extra routes (the UI's static files), registered before listening. */
  register?: (app: FastifyInstance) => Promise<void> | void;
}

export interface HttpApi {
  url: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
const MAX_BUFFERED_EVENT_BYTES = 1024 * 1024;

export async function startHttpApi(options: HttpApiOptions): Promise<HttpApi> {
  const app = Fastify({ logger: false, bodyLimit: 8 * 1024 * 1024 });
  let port = 0;
  const openStreams = new Set<FastifyReply>();

  app.addHook('onRequest', async (req, reply) => {
    if (!hostAllowed(req.headers.host, port)) return reply.code(421).send({ error: 'unexpected Host header' });
    if (!req.url.startsWith('/api/')) return;
    if (!tokenMatches(bearer(req), options.token)) return reply.code(401).send({ error: 'missing or wrong token' });
  });

  for (const name of Object.keys(operations) as OpName[]) {
    app.post(`/api/${name}`, async (req, reply) => {
      try {
        const args = parseInput(name, req.body);
        const run = options.service[name] as (a: unknown) => Promise<unknown>;
        return reply.send({ result: (await run(args)) ?? null });
      } catch (error) {
        if (error instanceof ApiInputError) return reply.code(400).send({ error: error.message, issues: error.issues });
        throw error;
      }
    });
  }
  app.post('/api/:op', async (req, reply) => {
    const op = (req.params as { op: string }).op;
    return reply.code(404).send({ error: isOpName(op) ? 'unreachable' : `unknown operation ${op}` });
  });

  app.get('/api/events', (req, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    const unsubscribe = eventNames.map((event) =>
      options.events.on(event, (payload) => {
        // A tab that stopped reading would make us buffer forever: drop it; EventSource reconnects.
        if (res.writableLength > MAX_BUFFERED_EVENT_BYTES) return void res.destroy();
        res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
      }),
    );
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
    openStreams.add(reply);
    req.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe.forEach((off) => off());
      openStreams.delete(reply);
    });
  });

  await options.register?.(app);
  await app.listen({ host: LOOPBACK, port: options.port });
  port = (app.server.address() as AddressInfo).port;
  return {
    url: `http://${LOOPBACK}:${port}/`,
    port,
    close: async () => {
      for (const stream of openStreams) stream.raw.end();
      await app.close();
    },
  };
}

function bearer(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7);
  // EventSource cannot set headers: the event stream alone also takes the token as a query parameter.
  if (req.url.startsWith('/api/events')) {
    return new URL(req.url, 'http://x').searchParams.get('token') ?? undefined;
  }
  return undefined;
}

function tokenMatches(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
}
