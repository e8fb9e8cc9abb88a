// Sign, both ways, by scheme: checks a delivery's signature against its endpoint's scheme and KEY
// (ingest), and computes signatures for re-sends and generated callbacks (signRequest). md5-template
// signs body fields (here); the header schemes are beside it: hmac-header.ts (and its legacy name
// hmac-sha256) and standard-webhooks-headers.ts. Their pure parts are in shared/sign-schemes/.
import { createHash } from 'node:crypto';
import type { SignResult, SignScheme } from '../../../shared/model.js';
import { field, isJsonObject, type JsonValue } from '../../../shared/contract/json-value.js';
import { DEFAULT_SIGN_TEMPLATE, VENDOR_DEFAULT_KEY, missingTemplateFields, renderSignTemplate } from '../../../shared/sign.js';
import { DEFAULT_HMAC_HEADER, hmacSettings, parseSigned } from '../../../shared/sign-schemes/hmac.js';
import { sameText } from './constant-time.js';
import { signHmac, verifyHmac } from './hmac-header.js';
import { signStandardWebhooks, verifyStandardWebhooks } from './standard-webhooks-headers.js';

export const DEFAULT_SIGN_HEADER = DEFAULT_HMAC_HEADER;

type Headers = ReadonlyArray<readonly [string, string]>;

/** Where a computed signature goes: the body's `Sign` field, or headers (replacing those of the same name). */
export type SignPlacement =
  { where: 'body'; field: 'Sign'; value: string } | { where: 'header'; headers: Array<[string, string]>; value: string };

/** What signing a request may read besides the body: the headers being sent, the original's, the time. */
export interface SignContext {
  headers?: Headers | undefined;
  /** The original delivery's headers: signed headers not being sent are taken from them (e.g. webhook-id). */
  original?: Headers | undefined;
  nowMs?: number | undefined;
  /** standard-webhooks: a new webhook-id instead of the original's. */
  newWebhookId?: boolean | undefined;
}

const isHmac = (type: SignScheme['type']) => type === 'hmac' || type === 'hmac-sha256';

/**
 * The md5-template signature of this body (lower-case hex; null when the body is not a JSON object),
 * or an hmac header value of a body-only template; null for the schemes that sign headers too.
 */
export function computeSign(scheme: SignScheme, key: string, body: Uint8Array, value: JsonValue | undefined): string | null {
  if (scheme.type === 'md5-template') {
    if (!isJsonObject(value)) return null;
    return createHash('md5')
      .update(renderSignTemplate(scheme.template ?? DEFAULT_SIGN_TEMPLATE, value, key), 'utf8')
      .digest('hex');
  }
  if (isHmac(scheme.type) && parseSigned(hmacSettings(scheme).signed).every((p) => p.kind === 'body' || p.kind === 'text')) {
    const made = signHmac(scheme, key, body, { headers: [], original: [], nowMs: 0 });
    return made.ok ? made.value : null;
  }
  return null;
}

/**
 * For resend: the new `Sign` value (md5-template; put it in the body, the template never reads Sign)
 * or the headers to send (header schemes; computed over the final body bytes after Content-Encoding
 * is undone). Null for `none`; an error says why a body cannot be signed.
 */
export function signRequest(
  scheme: SignScheme,
  key: string,
  body: Uint8Array,
  value: JsonValue | undefined,
  ctx: SignContext = {},
): { ok: true; placement: SignPlacement | null } | { ok: false; error: string } {
  const headers = { headers: ctx.headers ?? [], original: ctx.original ?? [], nowMs: ctx.nowMs ?? Date.now() };
  if (scheme.type === 'md5-template') {
    const sign = computeSign(scheme, key, body, value);
    if (sign === null) return { ok: false, error: 'cannot re-sign with md5-template: the body is not a JSON object' };
    return { ok: true, placement: { where: 'body', field: 'Sign', value: sign } };
  }
  const made = isHmac(scheme.type)
    ? signHmac(scheme, key, body, headers)
    : scheme.type === 'standard-webhooks'
      ? signStandardWebhooks(key, body, { ...headers, newWebhookId: ctx.newWebhookId })
      : null;
  if (made === null) return { ok: true, placement: null };
  if (!made.ok) return made;
  return { ok: true, placement: { where: 'header', headers: made.headers, value: made.value } };
}

/** signRequest without the reason: null when there is nothing to sign or it cannot be signed. */
export function signBody(
  scheme: SignScheme,
  key: string,
  body: Uint8Array,
  value: JsonValue | undefined,
  ctx: SignContext = {},
): SignPlacement | null {
  const r = signRequest(scheme, key, body, value, ctx);
  return r.ok ? r.placement : null;
}

/**
 * The scheme and KEY a delivery is checked with. The contract: with no KEY configured the vendor
 * signs with its default, so an md5-template endpoint without a KEY (and an unconfigured endpoint)
 * is checked with the vendor's default KEY.
 */
export function effectiveSign(endpoint: { key: string; sign: SignScheme } | null): {
  scheme: SignScheme;
  key: string;
  keySource: 'endpoint' | 'vendor-default';
} {
  const scheme = endpoint?.sign ?? { type: 'md5-template' as const };
  if (scheme.type === 'md5-template' && !endpoint?.key) return { scheme, key: VENDOR_DEFAULT_KEY, keySource: 'vendor-default' };
  return { scheme, key: endpoint?.key ?? '', keySource: 'endpoint' };
}

/**
 * Checks the delivery as its scheme says. `arrivedMs` dates the signed timestamps of the header
 * schemes (default: now); a timestamp outside the tolerance is a warning, not a mismatch.
 */
export function verifySign(
  scheme: SignScheme | null,
  key: string,
  body: Uint8Array,
  value: JsonValue | undefined,
  headers: Headers,
  arrivedMs: number = Date.now(),
): SignResult {
  const type = scheme?.type ?? 'none';
  if (scheme === null || type === 'none') return { status: 'not-checked', scheme: 'none', reason: 'no Sign scheme configured' };
  if (!key) return { status: 'not-checked', scheme: type, reason: 'no KEY configured' };
  if (type === 'md5-template') return verifyMd5(scheme, key, value);
  if (type === 'standard-webhooks') return verifyStandardWebhooks(scheme, key, body, headers, arrivedMs);
  return verifyHmac(scheme, key, body, headers, arrivedMs);
}

function verifyMd5(scheme: SignScheme, key: string, value: JsonValue | undefined): SignResult {
  const base = { scheme: 'md5-template' as const };
  if (!isJsonObject(value)) return { ...base, status: 'not-checked', reason: 'body is not a JSON object, so it has no Sign field' };
  const template = scheme.template ?? DEFAULT_SIGN_TEMPLATE;
  const expected = computeSign(scheme, key, new Uint8Array(), value) as string;
  // What was hashed, with the KEY left as {KEY}: the body's fields are the user's to see, the KEY is not.
  const info = { ...base, expected, signed: `md5(${renderSignTemplate(template, value, '{KEY}')})` };
  const received = field(value, 'Sign');
  if (received === undefined) return { ...info, status: 'mismatch', reason: 'body has no Sign field' };
  if (typeof received !== 'string') return { ...info, status: 'mismatch', reason: 'Sign is not a string' };
  if (sameText(received.toLowerCase(), expected)) return { ...info, status: 'verified', received };
  const missing = missingTemplateFields(template, value);
  const note = missing.length > 0 ? ` (the body lacks ${missing.join(', ')}, rendered as "")` : '';
  return { ...info, status: 'mismatch', received, reason: `Sign differs from md5 of the template ${template}${note}` };
}
