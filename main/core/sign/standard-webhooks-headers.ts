// Standard Webhooks (standardwebhooks.com): verify webhook-signature against HMAC-SHA256 of
// "id.timestamp.body" with the whsec_ secret, and make the three headers for a re-send. Which part
// failed is said in the result; a stale timestamp is a warning (replays are old), never a mismatch.
import { createHmac, randomBytes } from 'node:crypto';
import type { SignResult, SignScheme } from '../../../shared/model.js';
import {
  WEBHOOK_ID,
  WEBHOOK_SIGNATURE,
  WEBHOOK_TIMESTAMP,
  describeSigned,
  parseSignatures,
  secretBase64,
} from '../../../shared/sign-schemes/standard-webhooks.js';
import { DEFAULT_TOLERANCE_SECONDS, parseTimestamp, timestampWarning } from '../../../shared/sign-schemes/timestamp.js';
import { headerValue } from '../../../shared/header-values.js';
import { decodeDigest, sameBytes } from './constant-time.js';

type Headers = ReadonlyArray<readonly [string, string]>;

/** The HMAC key: the base64 part of `whsec_<base64>`, decoded. */
export function secretKey(key: string): { ok: true; bytes: Buffer } | { ok: false; error: string } {
  const parsed = secretBase64(key);
  if (!parsed.ok) return parsed;
  const bytes = Buffer.from(parsed.base64, 'base64');
  return bytes.length > 0 ? { ok: true, bytes } : { ok: false, error: 'the KEY decodes to no bytes' };
}

/** `v1,<base64>` over `id.timestamp.body` (body: the bytes after Content-Encoding is undone). */
export function standardSignature(secret: Buffer, id: string, timestamp: string, body: Uint8Array): string {
  const mac = createHmac('sha256', secret).update(`${id}.${timestamp}.`, 'utf8').update(body).digest('base64');
  return `v1,${mac}`;
}

export function verifyStandardWebhooks(scheme: SignScheme, key: string, body: Uint8Array, headers: Headers, arrivedMs: number): SignResult {
  const base = { scheme: 'standard-webhooks' as const };
  const secret = secretKey(key);
  if (!secret.ok) return { ...base, status: 'not-checked', reason: secret.error };
  const id = headerValue(headers, WEBHOOK_ID)?.trim() ?? null;
  const timestamp = headerValue(headers, WEBHOOK_TIMESTAMP)?.trim() ?? null;
  const received = headerValue(headers, WEBHOOK_SIGNATURE)?.trim() ?? null;
  const missing = [
    [WEBHOOK_ID, id],
    [WEBHOOK_TIMESTAMP, timestamp],
    [WEBHOOK_SIGNATURE, received],
  ]
    .filter(([, v]) => v === null)
    .map(([n]) => n as string);
  if (id === null || timestamp === null) {
    return {
      ...base,
      status: 'mismatch',
      ...(received !== null ? { received } : {}),
      reason: `missing header${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: the signature covers webhook-id and webhook-timestamp`,
    };
  }
  const expected = standardSignature(secret.bytes, id, timestamp, body);
  const info = { ...base, expected, signed: describeSigned(id, timestamp, body.byteLength) };
  const seconds = parseTimestamp(timestamp);
  if (seconds === null)
    return {
      ...info,
      status: 'mismatch',
      ...(received !== null ? { received } : {}),
      reason: `${WEBHOOK_TIMESTAMP} "${timestamp}" is not unix seconds`,
    };
  const late = timestampWarning(WEBHOOK_TIMESTAMP, seconds, arrivedMs, scheme.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS);
  const extra = late ? { warnings: [late] } : {};
  if (received === null) return { ...info, ...extra, status: 'mismatch', reason: `missing header ${WEBHOOK_SIGNATURE}` };

  const { v1, others } = parseSignatures(received);
  if (v1.length === 0) {
    const seen = others.length > 0 ? ` (found ${[...new Set(others)].join(', ')}; v1a asymmetric signatures are not checked)` : '';
    return { ...info, ...extra, status: 'mismatch', received, reason: `${WEBHOOK_SIGNATURE} has no v1 signature${seen}` };
  }
  const want = Buffer.from(expected.slice(3), 'base64');
  // Every v1 entry is compared (secret rotation sends several); any match verifies.
  const decoded = v1.map((sig) => decodeDigest(sig, 'base64', 32)).filter((got) => got !== null);
  if (decoded.some((got) => sameBytes(got, want))) return { ...info, ...extra, status: 'verified', received };
  if (decoded.length === 0)
    return {
      ...info,
      ...extra,
      status: 'mismatch',
      received,
      reason: `${WEBHOOK_SIGNATURE} has no well-formed v1 signature (base64 of 32 bytes)`,
    };
  const n = v1.length;
  return {
    ...info,
    ...extra,
    status: 'mismatch',
    received,
    reason: `${n === 1 ? 'the v1 signature differs' : `none of the ${n} v1 signatures matches`} from HMAC-SHA256 of "webhook-id.webhook-timestamp.body" with the KEY`,
  };
}

export interface StandardSigning {
  headers: Headers;
  original: Headers;
  nowMs: number;
  /** Send a new webhook-id (a new message) instead of the original's (the same message again). */
  newWebhookId?: boolean | undefined;
}

/**
 * The three headers for a re-send: the webhook-id being sent or the original's (a fresh one when
 * asked for or when there is none), the time of sending, and the new signature.
 */
export function signStandardWebhooks(
  key: string,
  body: Uint8Array,
  ctx: StandardSigning,
): { ok: true; headers: Array<[string, string]>; value: string } | { ok: false; error: string } {
  const secret = secretKey(key);
  if (!secret.ok) return { ok: false, error: `cannot re-sign with standard-webhooks: ${secret.error}` };
  const kept = headerValue(ctx.headers, WEBHOOK_ID) ?? headerValue(ctx.original, WEBHOOK_ID);
  const id = !ctx.newWebhookId && kept?.trim() ? kept.trim() : newMessageId();
  const timestamp = String(Math.floor(ctx.nowMs / 1000));
  const value = standardSignature(secret.bytes, id, timestamp, body);
  return {
    ok: true,
    headers: [
      [WEBHOOK_ID, id],
      [WEBHOOK_TIMESTAMP, timestamp],
      [WEBHOOK_SIGNATURE, value],
    ],
    value,
  };
}

/** `msg_` and 27 random base62-ish characters, in the style of the reference implementation's ids. */
export function newMessageId(): string {
  return `msg_${randomBytes(21).toString('base64').replace(/[+/=]/g, '').slice(0, 27)}`;
}
