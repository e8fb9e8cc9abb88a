// What a re-send puts on the wire: method, header pairs and body bytes, from a stored delivery or an
// edited body, re-signed with a chosen KEY and scheme or left as stored. Pure apart from zlib and
// crypto; bad combinations come back as an error message, never as an exception.
import type { SignChoice } from '../../../shared/api.js';
import type { EndpointConfig, SignScheme } from '../../../shared/model.js';
import { VENDOR_DEFAULT_KEY } from '../../../shared/sign.js';
import { isJsonObject } from '../../../shared/contract/json-value.js';
import { undoContentEncoding } from '../ingest/content-encoding.js';
import { decodeBody } from '../ingest/decode.js';
import { headerValue } from '../../../shared/header-values.js';
import { parseJson } from '../../../shared/json/lossless-parse.js';
import { computeSign, effectiveSign, signRequest } from '../sign/schemes.js';
import { hmacSettings, parseSigned, signedHeaderNames } from '../../../shared/sign-schemes/hmac.js';
import { STANDARD_WEBHOOK_HEADERS } from '../../../shared/sign-schemes/standard-webhooks.js';
import { applyContentEncoding } from './content-coding.js';
import { withSign } from '../sign/sign-field.js';

/** A stored delivery as the builder needs it. */
export interface Original {
  method: string;
  headers: Array<[string, string]>;
  /** The stored bytes (still content-encoded). */
  body: Uint8Array;
  /** Its endpoint's KEY and Sign scheme; null when unconfigured. */
  endpoint: Pick<EndpointConfig, 'key' | 'sign'> | null;
}

export interface BuildInput {
  original: Original | null;
  body?: { text: string } | { base64: string } | undefined;
  method?: string | undefined;
  headers?: Array<[string, string]> | undefined;
  sign: SignChoice;
  /** The signing time for schemes that sign one (default: now). */
  nowMs?: number | undefined;
}

export interface BuiltRequest {
  method: string;
  headers: Array<[string, string]>;
  body: Buffer;
  /** The signature written, when re-signed. */
  signed: { scheme: SignScheme['type']; value: string } | null;
}

export type BuildResult = { ok: true; request: BuiltRequest } | { ok: false; error: string };

/**
 * The most a re-send reads of a body to re-sign it, decoded. Requests are built on the receiver's
 * thread, and re-signing decodes the body (and, for md5-template, parses it): past this the receiver
 * would stall for seconds (a 61 KB gzip that inflates to 63 MB took 4.7 s to re-sign). The vendor's
 * bodies are a few KB; sending one as stored, without re-signing, has no limit.
 */
export const MAX_RESIGN_BYTES = 8 * 1024 * 1024;

/** The vendor's headers for a body that has no capture to copy them from (a file, a generated call). */
export const VENDOR_HEADERS: ReadonlyArray<[string, string]> = [
  ['Content-Type', 'application/json'],
  ['User-Agent', 'Airudder'],
];

/**
 * The headers a re-send copies from a capture: what describes the content and the sender
 * (Content-Type, Content-Encoding, Content-Language, User-Agent), any signature header (a name
 * containing "sign") and what signatures cover: Standard Webhooks' webhook-id and webhook-timestamp,
 * the endpoint's hmac header and the headers its template signs. Host, Content-Length, tunnel and
 * proxy headers belong to the original trip.
 */
export function defaultHeaders(original: Original | null): Array<[string, string]> {
  if (!original) return VENDOR_HEADERS.map(([n, v]) => [n, v]);
  const signedNames = new Set<string>(STANDARD_WEBHOOK_HEADERS);
  const scheme = original.endpoint?.sign;
  if (scheme && (scheme.type === 'hmac' || scheme.type === 'hmac-sha256')) {
    const s = hmacSettings(scheme);
    for (const n of [s.header, ...signedHeaderNames(parseSigned(s.signed))]) signedNames.add(n.toLowerCase());
  }
  return original.headers.filter(
    ([name]) =>
      /^(content-type|content-encoding|content-language|user-agent)$/i.test(name) ||
      /sign/i.test(name) ||
      signedNames.has(name.toLowerCase()),
  );
}

export function buildRequest(input: BuildInput): BuildResult {
  const headers = (input.headers ?? defaultHeaders(input.original)).map(([n, v]) => [n, v] as [string, string]);
  const method = input.method ?? input.original?.method ?? 'POST';
  const coding = headerValue(headers, 'content-encoding');

  // `wire` is what goes out; `content` is the same after Content-Encoding is undone (what Sign covers).
  let wire: Buffer;
  if (input.body && 'text' in input.body) {
    const encoded = applyContentEncoding(Buffer.from(input.body.text, 'utf8'), coding);
    if (!encoded.ok) return encoded;
    wire = encoded.bytes;
  } else if (input.body) {
    wire = Buffer.from(input.body.base64, 'base64');
  } else if (input.original) {
    wire = Buffer.from(input.original.body);
  } else {
    return { ok: false, error: 'nothing to send: give a delivery or a body' };
  }
  if (input.sign.mode === 'keep') return { ok: true, request: { method, headers, body: wire, signed: null } };

  const chosen = resolveSign(input.sign, input.original?.endpoint ?? null);
  if (!chosen.ok) return chosen;
  const { scheme, key } = chosen;
  if (scheme.type === 'none') return { ok: true, request: { method, headers, body: wire, signed: null } };

  const tooBig = `cannot re-sign: the body is over ${MAX_RESIGN_BYTES / 1024 / 1024} MiB decoded, the most a re-send reads to re-sign it; send it as stored (keep its Sign) instead`;
  if (wire.length > MAX_RESIGN_BYTES) return { ok: false, error: tooBig };
  const undone = undoContentEncoding(wire, coding, MAX_RESIGN_BYTES);
  if (undone.problems.some((p) => p.code === 'decoded-too-large')) return { ok: false, error: tooBig };
  if (!undone.ok) return { ok: false, error: `cannot re-sign: the body does not decode with Content-Encoding "${coding}"` };
  if (scheme.type !== 'md5-template') {
    // Header schemes sign the bytes sent, after Content-Encoding is undone, as ingest checks them.
    const made = signRequest(scheme, key, undone.bytes, undefined, {
      headers,
      original: input.original?.headers ?? [],
      nowMs: input.nowMs ?? Date.now(),
      newWebhookId: input.sign.newWebhookId,
    });
    if (!made.ok) return made;
    if (made.placement?.where !== 'header') return { ok: false, error: `${scheme.type} produced no header` };
    const placed = made.placement.headers;
    const names = new Set(placed.map(([n]) => n.toLowerCase()));
    const rest = headers.filter(([n]) => !names.has(n.toLowerCase()));
    return {
      ok: true,
      request: { method, headers: [...rest, ...placed], body: wire, signed: { scheme: scheme.type, value: made.placement.value } },
    };
  }

  // md5-template: the Sign field of the JSON body.
  const text = decodeBody(
    undone.bytes,
    headers.filter(([n]) => n.toLowerCase() !== 'content-encoding'),
  ).text;
  if (text === null) return { ok: false, error: 'cannot re-sign with md5-template: the body is not text' };
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, error: `cannot re-sign with md5-template: the body is not valid JSON (${parsed.error.message})` };
  if (!isJsonObject(parsed.value)) return { ok: false, error: 'cannot re-sign with md5-template: the body is not a JSON object' };
  const sign = computeSign(scheme, key, undone.bytes, parsed.value) as string;
  const encoded = applyContentEncoding(Buffer.from(withSign(text, parsed.value, sign), 'utf8'), coding);
  if (!encoded.ok) return encoded;
  return { ok: true, request: { method, headers, body: encoded.bytes, signed: { scheme: scheme.type, value: sign } } };
}

/**
 * The scheme and KEY to sign with: what the caller chose, else the delivery's endpoint's, else the
 * vendor's md5 scheme with its default KEY (the same defaults ingest checks with).
 */
export function resolveSign(
  choice: Extract<SignChoice, { mode: 'resign' }>,
  endpoint: Original['endpoint'],
): { ok: true; scheme: SignScheme; key: string } | { ok: false; error: string } {
  const fallback = effectiveSign(endpoint);
  const scheme = choice.scheme ?? fallback.scheme;
  let key = choice.key ?? (scheme.type === fallback.scheme.type ? fallback.key : (endpoint?.key ?? ''));
  if (!key && scheme.type === 'md5-template') key = VENDOR_DEFAULT_KEY;
  if (!key && scheme.type !== 'none') return { ok: false, error: `${scheme.type} needs a KEY: pass one` };
  return { ok: true, scheme, key };
}
