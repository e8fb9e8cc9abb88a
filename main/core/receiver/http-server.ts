// The internet-facing receiver: captures every request byte-for-byte and answers only once the
// handler has committed it. node:http rather than a framework because we need the raw bytes, every
// method and path, and control of when (and whether) the answer is written.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CapturedRequest } from '../../../shared/model.js';
import { endpointOfPath } from './endpoint-path.js';

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
  /** Called once per request with everything captured; resolves once the delivery is committed. */
  handle: (captured: CapturedRequest, cut: BodyCut) => Answer | Promise<Answer>;
  /** Limits that keep a slow or idle client from pinning the server. */
  timeouts?: Partial<ReceiverTimeouts>;
  /** Called when the handler throws: a bug, never the client's fault. */
  onError?: (error: unknown) => void;
}

export interface Receiver {
  url: string;
  port: number;
  server: Server;
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

const HANG_LIMIT_MS = 10 * 60_000;

export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const headBytes = Math.min(options.truncatedHeadBytes ?? 1024 * 1024, options.bodyLimit);
  const t = { ...defaultTimeouts, ...options.timeouts };
  const state = { closing: false };
  const server = createServer(
    { requestTimeout: t.requestMs, headersTimeout: Math.min(t.headersMs, t.requestMs), keepAliveTimeout: 5_000, connectionsCheckingInterval: Math.min(30_000, t.headersMs / 2) },
    (req, res) => capture(req, res, options, headBytes, state),
  );
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
    close: (graceMs = 5_000) =>
      new Promise<void>((resolve) => {
        // Answers still in flight now close their connection, so that keep-alive does not hold us open.
        state.closing = true;
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

function capture(
  req: IncomingMessage,
  res: ServerResponse,
  options: ReceiverOptions,
  headBytes: number,
  state: { closing: boolean },
): void {
  const receivedAt = Date.now();
  const chunks: Buffer[] = [];
  let size = 0;
  let overLimit = false;
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
      body: Buffer.concat(chunks),
      truncated,
    };
    const cut: BodyCut = aborted ? 'aborted' : overLimit ? 'over-limit' : 'none';
    new Promise<Answer>((resolve) => resolve(options.handle(captured, cut))).then(
      (answer) => {
        if (!aborted) write(res, answer, () => overLimit || state.closing);
      },
      (error: unknown) => {
        options.onError?.(error);
        // Not committed: answer 500 so that the vendor retries instead of believing it was stored.
        if (!aborted) write(res, { status: 500, headers: { 'content-type': 'text/plain' }, body: 'receiver error\n', delayMs: 0 }, () => true);
      },
    );
  };

  req.on('data', (chunk: Buffer) => {
    if (overLimit) return; // the 413 is on its way; the connection closes after it
    size += chunk.length;
    if (size > options.bodyLimit) {
      overLimit = true;
      const kept = headBytes - (size - chunk.length);
      if (kept > 0) chunks.push(chunk.subarray(0, kept));
      else trimTo(chunks, headBytes);
      finish(true, false);
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => finish(false, false));
  // The client went away mid-body: record what came, answer nobody.
  req.on('close', () => {
    if (!req.complete) finish(true, true);
  });
  req.on('error', () => finish(true, true));
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

function pairs(raw: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i]!, raw[i + 1]!]);
  return out;
}

function trimTo(chunks: Buffer[], bytes: number): void {
  let total = 0;
  for (let i = 0; i < chunks.length; i++) {
    const c = chunks[i]!;
    if (total + c.length > bytes) {
      chunks[i] = c.subarray(0, bytes - total);
      chunks.length = i + 1;
      return;
    }
    total += c.length;
  }
}
