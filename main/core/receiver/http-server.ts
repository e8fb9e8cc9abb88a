// The internet-facing receiver: captures every request byte-for-byte and answers only once the
// handler has committed it. node:http rather than a framework because we need the raw bytes, every
// method and path, and control of when (and whether) the answer is written. Its limits (body size,
// bodies in flight, connections, header bytes, timeouts) are listed in docs/SECURITY.md.
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { CapturedRequest } from '../../../shared/model.js';
import { BodyBuffer } from './body-buffer.js';
import { capConnections, type ConnectionCap } from './connection-cap.js';
import { endpointOfPath } from './endpoint-path.js';
import { InflightBudget } from './inflight-budget.js';

/** Why a body is incomplete: it passed the size limit, or the client went away. */
export type BodyCut = 'none' | 'over-limit' | 'aborted';

/** What the handler wants written back. */
export interface Answer {
  status: number | null; // null: hang (never answer)
  headers: Record<string, string>;
  body: string | Uint8Array;
  delayMs: number;
}

export interface ReceiverOptions {
  host: string;
  port: number;
  /** Bodies above this get 413; their head is still recorded. */
  bodyLimit: number;
  /** How much of an over-limit body is kept. */
  truncatedHeadBytes?: number;
  /** Body bytes held by all requests not yet committed, at most (0: no cap); past it, 503 with Retry-After. */
  inflightBudget?: number;
  /** Open connections, at most (0: no cap); connection-cap.ts says which one gives way. */
  maxConnections?: number;
  /** The request line and headers, in bytes, at most; past it node's parser answers 431. */
  maxHeaderBytes?: number;
  /** Called once per request with everything captured; resolves once the delivery is committed. */
  handle: (captured: CapturedRequest, cut: BodyCut) => Answer | Promise<Answer>;
  /** Limits that keep a slow or idle client from pinning the server. */
  timeouts?: Partial<ReceiverTimeouts>;
  /** Called when the handler throws: a bug, never the client's fault. */
  onError?: (error: unknown) => void;
}

/** What the limits are doing: bytes and connections held now, and what they turned away since the start. */
export interface ReceiverStats {
  inflightBytes: number;
  /** Requests answered 503 because the in-flight budget was full (not recorded: the sender retries). */
  refusedBusy: number;
  connections: number;
  /** Connections closed to stay under the connection cap. */
  connectionsClosed: number;
}

export interface Receiver {
  url: string;
  port: number;
  server: Server;
  stats(): ReceiverStats;
  /** Stops accepting, lets in-flight requests finish (bounded), then resolves. */
  close(graceMs?: number): Promise<void>;
}

export interface ReceiverTimeouts {
  /** Whole request (headers and body) must arrive within this. */
  requestMs: number;
  /** Headers must arrive within this (slowloris). */
  headersMs: number;
  /** A socket with no traffic for this long is closed. */
  idleMs: number;
}

export const defaultTimeouts: ReceiverTimeouts = { requestMs: 120_000, headersMs: 15_000, idleMs: 30_000 };

/**
 * Four times node's 16 KiB: every header of any request that fits is kept, in order (node's default
 * header count kept only about the first thousand, silently). Past it node answers 431.
 */
export const DEFAULT_MAX_HEADER_BYTES = 64 * 1024;

/** What a 503 for a full in-flight budget asks the sender to wait; the vendor retries each minute anyway. */
export const RETRY_AFTER_SECONDS = 10;

const HANG_LIMIT_MS = 10 * 60_000;

interface Shared {
  options: ReceiverOptions;
  headBytes: number;
  budget: InflightBudget;
  connections: ConnectionCap;
  idleMs: number;
  closing: boolean;
}

export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const t = { ...defaultTimeouts, ...options.timeouts };
  const server = createServer(
    {
      requestTimeout: t.requestMs,
      headersTimeout: Math.min(t.headersMs, t.requestMs),
      keepAliveTimeout: 5_000,
      connectionsCheckingInterval: Math.min(30_000, t.headersMs / 2),
      maxHeaderSize: options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES,
    },
    (req, res) => capture(req, res, shared),
  );
  // No count limit: the header bytes bound a request's headers, and all of them are kept.
  server.maxHeadersCount = 0;
  const shared: Shared = {
    options,
    headBytes: Math.min(options.truncatedHeadBytes ?? 1024 * 1024, options.bodyLimit),
    budget: new InflightBudget(options.inflightBudget ?? 0),
    connections: capConnections(server, options.maxConnections ?? 0),
    idleMs: t.idleMs,
    closing: false,
  };
  // CONNECT asks for a tunnel; node emits it apart from 'request' and, unheard, drops it unrecorded.
  const tunnels = new Set<Socket>();
  server.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => captureConnect(req, socket, head, shared, tunnels));
  // An idle socket (slowloris, a vanished tunnel) is closed rather than kept forever.
  server.timeout = t.idleMs;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const displayHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : host;
  return {
    url: `http://${displayHost}:${port}/`,
    port,
    server,
    stats: () => ({
      inflightBytes: shared.budget.bytes,
      refusedBusy: shared.budget.refused,
      connections: shared.connections.open,
      connectionsClosed: shared.connections.closed,
    }),
    close: (graceMs = 5_000) =>
      new Promise<void>((resolve) => {
        // Answers still in flight now close their connection, so that keep-alive does not hold us open.
        shared.closing = true;
        const timer = setTimeout(() => {
          server.closeAllConnections();
          for (const s of tunnels) s.destroy();
        }, graceMs);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

function capture(req: IncomingMessage, res: ServerResponse, shared: Shared): void {
  const { options, budget } = shared;
  const receivedAt = Date.now();
  const declared = declaredLength(req);
  let overLimit = declared !== null && declared > options.bodyLimit;
  // The bytes this request holds of the in-flight budget, given back once it is committed.
  let held = 0;
  const release = () => {
    budget.give(held);
    held = 0;
  };
  // What this request could hold at most, known before its body: refused at once when it cannot fit,
  // so that the client is not made to send a body that would be thrown away.
  if (declared !== null && !budget.fits(overLimit ? shared.headBytes : declared)) return refuseBusy(req, res, budget);

  const body = new BodyBuffer(overLimit ? null : declared);
  let size = 0;
  let done = false;

  const finish = (truncated: boolean, aborted: boolean) => {
    if (done) return;
    done = true;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const captured: CapturedRequest = {
      receivedAt,
      endpoint: endpointOfPath(path),
      method: req.method ?? 'GET',
      path,
      query: q === -1 ? '' : url.slice(q + 1),
      headers: pairs(req.rawHeaders),
      remoteAddress: req.socket.remoteAddress ?? '',
      body: body.take(),
      truncated,
    };
    const cut: BodyCut = aborted ? 'aborted' : overLimit ? 'over-limit' : 'none';
    const socket = req.socket;
    shared.connections.answering(socket);
    res.once('close', () => shared.connections.waiting(socket));
    new Promise<Answer>((resolve) => resolve(options.handle(captured, cut))).then(
      (answer) => {
        release();
        if (!aborted) write(res, answer, () => overLimit || shared.closing);
      },
      (error: unknown) => {
        release();
        options.onError?.(error);
        // Not committed: answer 500 so that the vendor retries instead of believing it was stored.
        if (!aborted)
          write(res, { status: 500, headers: { 'content-type': 'text/plain' }, body: 'receiver error\n', delayMs: 0 }, () => true);
      },
    );
  };

  req.on('data', (chunk: Buffer) => {
    if (done) return; // answered already (413, 503): the connection closes after it
    size += chunk.length;
    const keep = overLimit || size > options.bodyLimit ? Math.max(0, Math.min(chunk.length, shared.headBytes - body.size)) : chunk.length;
    if (!budget.take(keep)) {
      done = true;
      release();
      return refuseBusy(req, res, budget);
    }
    held += keep;
    if (keep > 0) body.push(keep === chunk.length ? chunk : chunk.subarray(0, keep));
    if (size > options.bodyLimit || (overLimit && body.size >= shared.headBytes)) {
      overLimit = true;
      // A body kept whole until it passed the limit (no Content-Length) now keeps only its head.
      const before = body.size;
      body.keep(shared.headBytes);
      budget.give(before - body.size);
      held -= before - body.size;
      finish(true, false);
    }
  });
  req.on('end', () => finish(overLimit, false));
  // The client went away mid-body: record what came, answer nobody.
  req.on('close', () => {
    if (!req.complete) finish(true, true);
  });
  req.on('error', () => finish(true, true));
}

/** 503 for a full in-flight budget: nothing of the request is kept, and its connection closes. */
function refuseBusy(req: IncomingMessage, res: ServerResponse, budget: InflightBudget): void {
  budget.refused++;
  // What is still coming is read and dropped until the answer has gone and the connection closes.
  req.resume();
  const body = JSON.stringify({ error: 'receiver busy: too many request bodies in flight; retry later' });
  res.writeHead(503, {
    'content-type': 'application/json',
    'retry-after': String(RETRY_AFTER_SECONDS),
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  });
  res.end(body);
}

/** A CONNECT is recorded like any request (its body: whatever came after the head) and answered, never tunnelled. */
function captureConnect(req: IncomingMessage, socket: Socket, head: Buffer, shared: Shared, tunnels: Set<Socket>): void {
  tunnels.add(socket);
  socket.once('close', () => tunnels.delete(socket));
  socket.on('error', () => socket.destroy());
  // Nothing past the head is read: a client that keeps sending is cut by the idle timeout.
  socket.setTimeout(shared.idleMs, () => socket.destroy());
  shared.connections.answering(socket);
  const captured: CapturedRequest = {
    receivedAt: Date.now(),
    endpoint: endpointOfPath(req.url ?? ''),
    method: req.method ?? 'CONNECT',
    path: req.url ?? '',
    query: '',
    headers: pairs(req.rawHeaders),
    remoteAddress: socket.remoteAddress ?? '',
    body: Buffer.from(head),
    truncated: false,
  };
  const answered = (answer: Answer) => {
    writeRaw(socket, answer);
    // Answered: the socket may now give way to a newcomer like any connection waiting for its client.
    shared.connections.waiting(socket);
  };
  new Promise<Answer>((resolve) => resolve(shared.options.handle(captured, 'none'))).then(answered, (error: unknown) => {
    shared.options.onError?.(error);
    answered({ status: 500, headers: { 'content-type': 'text/plain' }, body: 'receiver error\n', delayMs: 0 });
  });
}

/** An answer on a socket node has handed over (CONNECT): the whole response by hand, then close. */
function writeRaw(socket: Socket, answer: Answer): void {
  if (socket.destroyed) return;
  if (answer.status === null) return; // hang: the idle timeout ends it
  const body = typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body;
  const lines = [`HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ''}`];
  for (const [name, value] of Object.entries(answer.headers)) lines.push(`${name}: ${value}`);
  lines.push(`content-length: ${body.byteLength}`, 'connection: close', '', '');
  socket.end(Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), body]));
}

function write(res: ServerResponse, answer: Answer, closeAfter: () => boolean): void {
  const send = () => {
    if (res.destroyed || answer.status === null) return;
    const headers: Record<string, string | number> = { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) };
    if (closeAfter()) headers.connection = 'close';
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  };
  if (answer.status === null) {
    // Hang: hold the socket open until the client gives up (bounded, so a test cannot leak it).
    res.setTimeout(HANG_LIMIT_MS, () => res.destroy());
    return;
  }
  if (answer.delayMs > 0) {
    res.setTimeout(answer.delayMs + 30_000, () => res.destroy());
    const timer = setTimeout(send, answer.delayMs);
    res.on('close', () => clearTimeout(timer));
  } else send();
}

/**
 * The body's length when the request states it and nothing overrides it (chunked: unknown). Read from
 * the raw pairs: `req.headers` is built on first use, a cost the receiver's hot path otherwise avoids.
 */
function declaredLength(req: IncomingMessage): number | null {
  const raw = req.rawHeaders;
  let length: number | null = null;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === 17 && name.toLowerCase() === 'transfer-encoding') return null;
    if (name.length === 14 && name.toLowerCase() === 'content-length') length = /^\d+$/.test(raw[i + 1]!) ? Number(raw[i + 1]) : null;
  }
  return length;
}

function pairs(raw: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i]!, raw[i + 1]!]);
  return out;
}
