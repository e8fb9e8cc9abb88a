// The generic HMAC header scheme (and its legacy name hmac-sha256): verify a received header, and
// make the header(s) for a re-send. Settings and the signed template are in shared/sign-schemes/hmac.ts.
import { createHmac } from 'node:crypto';
import type { SignResult, SignScheme } from '../../../shared/model.js';
import {
  DIGEST_BYTES,
  describeSigned,
  formatTimestamped,
  hmacSettings,
  parseSigned,
  parseTimestamped,
  usesTimestamp,
  type HmacSettings,
  type SignedPart,
} from '../../../shared/sign-schemes/hmac.js';
import { parseTimestamp, timestampWarning } from '../../../shared/sign-schemes/timestamp.js';
import { headerValue } from '../../../shared/header-values.js';
import { decodeDigest, sameBytes } from './constant-time.js';

type Headers = ReadonlyArray<readonly [string, string]>;

/** The bytes the template stands for; `missing` names the headers it reads that the request lacks. */
function signedBytes(
  parts: readonly SignedPart[],
  body: Uint8Array,
  timestamp: string | null,
  header: (name: string) => string | null,
): { bytes: Buffer; missing: string[] } {
  const missing: string[] = [];
  const chunks = parts.map((p) => {
    if (p.kind === 'body') return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    if (p.kind === 'text') return Buffer.from(p.text, 'utf8');
    if (p.kind === 'timestamp') return Buffer.from(timestamp ?? '', 'utf8');
    const value = header(p.name);
    if (value === null) missing.push(p.name);
    return Buffer.from(value ?? '', 'utf8');
  });
  return { bytes: Buffer.concat(chunks), missing };
}

function digest(s: HmacSettings, key: string, bytes: Buffer): Buffer {
  return createHmac(s.algorithm, key).update(bytes).digest();
}

export function verifyHmac(scheme: SignScheme, key: string, body: Uint8Array, headers: Headers, arrivedMs: number): SignResult {
  const s = hmacSettings(scheme);
  const base = { scheme: scheme.type };
  const parts = parseSigned(s.signed);
  const timed = usesTimestamp(parts);
  const read = (name: string) => headerValue(headers, name)?.trim() ?? null;
  const raw = read(s.header);
  const parsed = raw === null ? null : timed ? parseTimestamped(raw, s.prefix) : { timestamp: null, signatures: [raw] };
  const timestamp = parsed?.timestamp ?? null;

  const { bytes, missing } = signedBytes(parts, body, timestamp, read);
  const want = digest(s, key, bytes);
  const expected = `${s.prefix}${want.toString(s.encoding)}`;
  const signed = describeSigned(parts, { bodySize: body.byteLength, timestamp, header: read });
  const what = `HMAC-${hashName(s)} of ${s.signed} with the KEY`;
  const info = { ...base, expected, signed };

  if (raw === null || parsed === null) return { ...info, status: 'mismatch', reason: `no ${s.header} header` };
  const warnings: string[] = [];
  if (missing.length > 0) warnings.push(`the request has no ${missing.join(', ')} header, which ${s.signed} signs: read as ""`);
  if (timed) {
    if (timestamp === null)
      return { ...info, status: 'mismatch', received: raw, reason: `${s.header} has no t= timestamp, which ${s.signed} signs` };
    const seconds = parseTimestamp(timestamp);
    if (seconds === null) return { ...info, status: 'mismatch', received: raw, reason: `${s.header} t=${timestamp} is not unix seconds` };
    const late = timestampWarning(`${s.header} t=`, seconds, arrivedMs, s.toleranceSeconds);
    if (late) warnings.push(late);
  }
  const extra = warnings.length > 0 ? { warnings } : {};
  if (parsed.signatures.length === 0)
    return { ...info, ...extra, status: 'mismatch', received: raw, reason: `${s.header} has no ${s.prefix}… signature` };

  let wellFormed = false;
  for (const candidate of parsed.signatures) {
    const { written, prefixed } = stripPrefix(candidate, s, timed);
    const got = decodeDigest(written, s.encoding, DIGEST_BYTES[s.algorithm]);
    if (got === null) continue;
    wellFormed = true;
    if (!sameBytes(got, want)) continue;
    if (!prefixed)
      return {
        ...info,
        ...extra,
        status: 'mismatch',
        received: raw,
        reason: `the digest is right but ${s.header} lacks the prefix "${s.prefix}": a receiver that expects it rejects this`,
      };
    return { ...info, ...extra, status: 'verified', received: raw };
  }
  if (!wellFormed)
    return {
      ...info,
      ...extra,
      status: 'mismatch',
      received: raw,
      reason: `${s.header} is not ${s.prefix ? `"${s.prefix}" + ` : ''}a ${hashName(s)} digest in ${s.encoding}`,
    };
  return { ...info, ...extra, status: 'mismatch', received: raw, reason: `${s.header} differs from ${what}` };
}

/** sha256 → SHA-256, as the algorithms are usually written. */
function hashName(s: HmacSettings): string {
  return s.algorithm.toUpperCase().replace(/^SHA/, 'SHA-');
}

/**
 * The configured prefix is removed (compared case-insensitively, as `SHA256=` is seen in the wild);
 * without one, a leading `<algorithm>=` is tolerated, as hmac-sha256 always accepted `sha256=`.
 */
function stripPrefix(value: string, s: HmacSettings, timed: boolean): { written: string; prefixed: boolean } {
  if (timed) return { written: value, prefixed: true }; // parseTimestamped already kept only prefixed items
  if (s.prefix === '') return { written: value.replace(new RegExp(`^${s.algorithm}=`, 'i'), ''), prefixed: true };
  if (value.toLowerCase().startsWith(s.prefix.toLowerCase())) return { written: value.slice(s.prefix.length), prefixed: true };
  return { written: value, prefixed: false };
}

export interface HeaderSigning {
  /** The headers about to be sent, and the original delivery's (for signed headers not being sent). */
  headers: Headers;
  original: Headers;
  nowMs: number;
}

/**
 * The header to send (and any signed header taken from the original that the request lacks). With
 * `{timestamp}` the header is `t=<now>,<prefix><digest>`: a re-send is signed at the time it is made.
 */
export function signHmac(
  scheme: SignScheme,
  key: string,
  body: Uint8Array,
  ctx: HeaderSigning,
): { ok: true; headers: Array<[string, string]>; value: string } | { ok: false; error: string } {
  const s = hmacSettings(scheme);
  const parts = parseSigned(s.signed);
  const added: Array<[string, string]> = [];
  const read = (name: string): string | null => {
    const sent = headerValue(ctx.headers, name);
    if (sent !== null) return sent.trim();
    const kept = headerValue(ctx.original, name);
    if (kept !== null) added.push([name, kept.trim()]);
    return kept?.trim() ?? null;
  };
  const timestamp = usesTimestamp(parts) ? String(Math.floor(ctx.nowMs / 1000)) : null;
  const { bytes, missing } = signedBytes(parts, body, timestamp, read);
  if (missing.length > 0)
    return {
      ok: false,
      error: `cannot re-sign: ${s.signed} signs the ${missing.join(', ')} header, which neither the request nor the original carries: add it`,
    };
  const made = digest(s, key, bytes).toString(s.encoding);
  const value = timestamp === null ? `${s.prefix}${made}` : formatTimestamped(timestamp, s.prefix, made);
  return { ok: true, headers: [...added, [s.header, value]], value };
}
