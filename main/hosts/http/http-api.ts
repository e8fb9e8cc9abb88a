// The API over HTTP for the browser host: one POST route per operation of shared/api.ts (derived from
// the table, never listed by hand) plus an SSE stream of events and one of awaited deliveries. An
// answer with byte fields goes as a bytes answer (shared/bytes-answer.ts), any other as `{ result }`.
// Loopback only, bearer token, and a Host check so that a web page elsewhere cannot reach it by DNS
// rebinding. Fastify sets no request or handler timeout by default: a waitForDelivery long poll may
// take its full timeoutMs (at most 10 minutes) and ends early only when the client leaves.
import { once } from 'node:events';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { announceHeld, API_TOKEN_FILE } from '../../core/data-dir-lock.js';
import {
  ApiInputError,
  IMPORT_REQUEST_BYTES,
  isOpName,
  operations,
  parseInput,
  type ApiService,
  type OpArgs,
  type OpContext,
  type OpName,
} from '../../../shared/api.js';
import { BYTES_ANSWER_TYPE, carriesBytes, encodeBytesAnswer } from '../../../shared/bytes-answer.js';
import type { EventBus } from '../../core/events/event-bus.js';
import { streamEvents } from './event-stream.js';
import type { WaitForDelivery } from '../../core/service/wait-ops.js';

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
/** A request's body at most, but for LARGE_REQUESTS. */
const REQUEST_BYTES = 8 * 1024 * 1024;
/** Operations whose input carries bodies: a batch of imported deliveries, a file to compare. */
const LARGE_REQUESTS: Partial<Record<OpName, number>> = {
  importNdjson: IMPORT_REQUEST_BYTES,
  importFixtures: IMPORT_REQUEST_BYTES,
  diffBodies: IMPORT_REQUEST_BYTES,
};
/** The longest one waitForDelivery call may wait (its schema's bound); the stream chains calls. */
const MAX_WAIT_MS = 600_000;

export async function startHttpApi(options: HttpApiOptions): Promise<HttpApi> {
  const app = Fastify({ logger: false, bodyLimit: REQUEST_BYTES });
  let port = 0;
  const openStreams = new Set<FastifyReply>();
  /** One per request still being answered: aborted when its client leaves or the API closes. */
  const inFlight = new Set<AbortController>();
  let closing = false;
  const track = (reply: FastifyReply): AbortController => {
    const abort = new AbortController();
    inFlight.add(abort);
    reply.raw.once('close', () => {
      inFlight.delete(abort);
      abort.abort(new Error('the client closed the connection'));
    });
    return abort;
  };

  app.addHook('onRequest', async (req, reply) => {
    if (!hostAllowed(req.headers.host, port)) return reply.code(421).send({ error: 'unexpected Host header' });
  });

  // Every API route lives in this one context and its guard runs on whatever route the router chose,
  // so no spelling of the URL (percent-encoded, absolute-form, dot segments) reaches a handler
  // without the token. A guard that reads the raw URL disagrees with the router: it was sidestepped
  // by `/%61pi/info`.
  app.register(async (api) => {
    api.addHook('onRequest', async (req, reply) => {
      if (!tokenMatches(bearer(req), options.token)) return reply.code(401).send({ error: 'missing or wrong token' });
    });
    registerApiRoutes(api);
  });

  function registerApiRoutes(app: FastifyInstance): void {
    for (const name of Object.keys(operations) as OpName[]) {
      app.post(`/api/${name}`, { bodyLimit: LARGE_REQUESTS[name] ?? REQUEST_BYTES }, async (req, reply) => {
        const abort = track(reply);
        try {
          const args = parseInput(name, req.body);
          // Operations may take the request's signal (waitForDelivery stops waiting when it aborts).
          const run = options.service[name] as (a: unknown, context: OpContext) => Promise<unknown>;
          const result = await run(args, { signal: abort.signal });
          // A stored body goes as its bytes, once: as JSON it was base64 and text, 2.5 times its size.
          if (carriesBytes(result)) return reply.type(BYTES_ANSWER_TYPE).send(Buffer.concat(encodeBytesAnswer(result)));
          return reply.send({ result: result ?? null });
        } catch (error) {
          if (error instanceof ApiInputError) return reply.code(400).send({ error: error.message, issues: error.issues });
          if (abort.signal.aborted) return reply.code(503).send({ error: closing ? 'the API is shutting down' : 'the client left' });
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
      const stop = streamEvents(reply.raw, options.events);
      openStreams.add(reply);
      req.raw.on('close', () => {
        stop();
        openStreams.delete(reply);
      });
    });

    // waitForDelivery as a stream: every matching delivery (`event: delivery`, the DeliveryDetail), in
    // arrival order, until the client leaves. Query: match (the search language), after (an id;
    // default: from now), token. Each round is one waitForDelivery call resumed from the last answer.
    app.get('/api/wait', (req, reply) => {
      const query = req.query as Record<string, string | undefined>;
      let input: OpArgs<'waitForDelivery'>;
      try {
        const after = query.after === undefined || query.after === '' ? undefined : Number(query.after);
        input = parseInput('waitForDelivery', { match: query.match, after, timeoutMs: MAX_WAIT_MS });
      } catch (error) {
        if (error instanceof ApiInputError) return reply.code(400).send({ error: error.message, issues: error.issues });
        throw error;
      }
      const abort = track(reply);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': waiting\n\n');
      const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
      const wait = options.service.waitForDelivery as WaitForDelivery;
      void (async () => {
        let after = input.after;
        try {
          for (;;) {
            const found = await wait({ ...input, ...(after === undefined ? {} : { after }) }, { signal: abort.signal });
            if ('timedOut' in found) after = found.after;
            else {
              after = found.id;
              // One delivery at a time, and the next only once the client has taken this one: a slow
              // reader (or after=0 on a large store) must not make us buffer the store in memory.
              if (!res.write(`event: delivery\ndata: ${JSON.stringify(found)}\n\n`)) await once(res, 'drain', { signal: abort.signal });
            }
          }
        } catch (error) {
          if (!abort.signal.aborted)
            res.write(`event: error\ndata: ${JSON.stringify({ error: error instanceof Error ? error.message : String(error) })}\n\n`);
        } finally {
          clearInterval(heartbeat);
          res.end();
        }
      })();
    });
  }

  await options.register?.(app);
  await app.listen({ host: LOOPBACK, port: options.port });
  port = (app.server.address() as AddressInfo).port;
  const url = `http://${LOOPBACK}:${port}/`;
  await announceApi(options.service, url, options.token);
  return {
    url,
    port,
    close: async () => {
      closing = true;
      for (const abort of inFlight) abort.abort(new Error('the API is shutting down'));
      for (const stream of openStreams) stream.raw.end();
      await app.close();
    },
  };
}

/**
 * Adds this API to the running note of the data directory its core holds, so that the other CLI
 * commands go through it (main/hosts/cli/core-access.ts): where it listens and, when the token is the
 * one kept in `<data>/api-token`, that file (never the token itself). Before `serve` prints `ui:`.
 */
async function announceApi(service: ApiService, apiUrl: string, token: string): Promise<void> {
  let dataDir: string;
  try {
    dataDir = (await service.info({})).dataDir;
  } catch {
    return; // A service without a data directory (tests): nothing to announce.
  }
  const tokenFile = join(dataDir, API_TOKEN_FILE);
  let kept = '';
  try {
    kept = readFileSync(tokenFile, 'utf8').trim();
  } catch {
    // No file: serve was given --token.
  }
  announceHeld(dataDir, { apiUrl, ...(kept === token ? { tokenFile } : {}) });
}

const TOKEN_IN_QUERY = new Set(['/api/events', '/api/wait']);

function bearer(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7);
  // EventSource cannot set headers: the two streams (events, wait) alone also take the token as a
  // query parameter. Which route it is comes from the router, as for the guard itself.
  if (TOKEN_IN_QUERY.has(req.routeOptions.url ?? '')) return (req.query as Record<string, unknown>).token as string | undefined;
  return undefined;
}

function tokenMatches(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || !given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
}
