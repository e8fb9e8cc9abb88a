// One HTTP attempt, as the vendor would make it: the exact header pairs given (plus Host and
// Content-Length), no redirect following (a 3xx is the answer), one timeout from connect to the last
// body byte, and every failure turned into an error class instead of an exception.
import http from 'node:http';
import https from 'node:https';
import type { SendErrorClass } from '../../../shared/model.js';

/** Response bodies are kept up to this size; the rest is read (to free the connection) and counted. */
export const RESPONSE_KEEP_BYTES = 64 * 1024;

export interface HttpRequestSpec {
  url: string;
  method: string;
  /** Sent as given, in order; Host is added from the URL and Content-Length computed unless present. */
  headers: Array<[string, string]>;
  body: Uint8Array;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface HttpOutcome {
  /** The headers actually written (with Host and Content-Length). */
  requestHeaders: Array<[string, string]>;
  status: number | null;
  responseHeaders: Array<[string, string]>;
  responseBody: Buffer;
  responseSize: number;
  responseTruncated: boolean;
  durationMs: number;
  errorClass: SendErrorClass | null;
  errorMessage: string | null;
  startedAt: number;
  finishedAt: number;
}

/** Hop-by-hop and framing headers are the transport's business, never copied from a capture. */
const TRANSPORT_HEADERS = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'proxy-connection',
]);

export interface Transport {
  send(spec: HttpRequestSpec): Promise<HttpOutcome>;
  /** Closes idle keep-alive connections. */
  close(): void;
}

/**
 * Keep-alive agents, one per transport: bulk re-sends reuse connections as the vendor's HTTP client
 * most likely does, and closing the transport frees them.
 */
export function createTransport(): Transport {
  const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
  return {
    send: (spec) => sendOnce(spec, agents),
    close: () => {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

/** The header pairs to write: Host first (unless given), the caller's, then Content-Length. */
export function wireHeaders(url: URL, headers: Array<[string, string]>, bodyLength: number): Array<[string, string]> {
  const kept = headers.filter(([name]) => !TRANSPORT_HEADERS.has(name.toLowerCase()));
  const hasHost = kept.some(([name]) => name.toLowerCase() === 'host');
  return [...(hasHost ? [] : [['Host', url.host] as [string, string]]), ...kept, ['Content-Length', String(bodyLength)]];
}

function sendOnce(spec: HttpRequestSpec, agents: { 'http:': http.Agent; 'https:': https.Agent }): Promise<HttpOutcome> {
  const url = new URL(spec.url);
  const requestHeaders = wireHeaders(url, spec.headers, spec.body.byteLength);
  const startedAt = Date.now();
  const t0 = performance.now();
  return new Promise((resolve) => {
    let status: number | null = null;
    let responseHeaders: Array<[string, string]> = [];
    const kept: Buffer[] = [];
    let keptBytes = 0;
    let size = 0;
    let settled = false;
    let timedOut = false;
    const finish = (error: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      spec.signal?.removeEventListener('abort', onAbort);
      const errorClass = error === null ? null : timedOut ? 'timeout' : spec.signal?.aborted ? 'cancelled' : classifyError(error);
      resolve({
        requestHeaders,
        status,
        responseHeaders,
        responseBody: Buffer.concat(kept),
        responseSize: size,
        responseTruncated: size > keptBytes,
        durationMs: Math.round((performance.now() - t0) * 100) / 100,
        errorClass,
        errorMessage: error === null ? null : describe(error, errorClass, spec.timeoutMs),
        startedAt,
        finishedAt: Date.now(),
      });
    };
    const flat = requestHeaders.flat();
    const mod = url.protocol === 'https:' ? https : http;
    const req = mod.request(url, { method: spec.method, headers: flat, agent: agents[url.protocol as 'http:' | 'https:'] }, (res) => {
      status = res.statusCode ?? null;
      responseHeaders = pairs(res.rawHeaders);
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (keptBytes < RESPONSE_KEEP_BYTES) {
          const part = chunk.subarray(0, RESPONSE_KEEP_BYTES - keptBytes);
          kept.push(part);
          keptBytes += part.length;
        }
      });
      res.on('end', () => finish(null));
      res.on('error', (e) => finish(e));
      res.on('aborted', () => finish(Object.assign(new Error('the server closed the connection mid-answer'), { code: 'ECONNRESET' })));
    });
    const timer = setTimeout(() => {
      timedOut = true;
      req.destroy(new Error('timeout'));
    }, spec.timeoutMs);
    const onAbort = () => req.destroy(new Error('cancelled'));
    if (spec.signal?.aborted) onAbort();
    else spec.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (e) => finish(e));
    req.end(spec.body);
  });
}

function pairs(raw: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i]!, raw[i + 1]!]);
  return out;
}

/** Maps Node's network errors to the classes the attempt log shows. */
export function classifyError(error: unknown): SendErrorClass {
  const code = (error as { code?: unknown })?.code;
  const c = typeof code === 'string' ? code : '';
  if (['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA'].includes(c)) return 'dns';
  if (c === 'ECONNREFUSED') return 'refused';
  if (c === 'ETIMEDOUT' || c === 'ESOCKETTIMEDOUT') return 'timeout';
  if (c === 'ECONNRESET' || c === 'EPIPE' || c === 'ERR_STREAM_PREMATURE_CLOSE') return 'reset';
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|EPROTO$|ERR_OSSL)/.test(c)) return 'tls';
  return 'other';
}

function describe(error: unknown, errorClass: SendErrorClass | null, timeoutMs: number): string {
  if (errorClass === 'timeout') return `no complete answer within ${timeoutMs} ms`;
  if (errorClass === 'cancelled') return 'the job was cancelled during this attempt';
  const e = error as { code?: string; message?: string };
  return [e.code, e.message].filter(Boolean).join(': ') || String(error);
}
