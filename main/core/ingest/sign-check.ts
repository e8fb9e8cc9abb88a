// Checks a delivery's signature against its endpoint's scheme and KEY, and computes signatures for
// resend (signBody). md5-template signs body fields; hmac-sha256 signs the body bytes in a header.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { SignResult, SignScheme } from '../../../shared/model.js';
import { field, isJsonObject, type JsonValue } from '../../../shared/contract/json-value.js';
import { DEFAULT_SIGN_TEMPLATE, VENDOR_DEFAULT_KEY, missingTemplateFields, renderSignTemplate } from '../../../shared/sign.js';
import { headerValue } from './headers.js';

export const DEFAULT_SIGN_HEADER = 'X-Signature';

/** Where a computed signature goes: the body's `Sign` field, or a header. */
export type SignPlacement = { where: 'body'; field: 'Sign'; value: string } | { where: 'header'; header: string; value: string };

/**
 * The signature the scheme gives this body: md5-template → lower-case hex (null when the body is not
 * a JSON object); hmac-sha256 → the digest of `body` (bytes after Content-Encoding) in the scheme's
 * encoding; none → null.
 */
export function computeSign(scheme: SignScheme, key: string, body: Uint8Array, value: JsonValue | undefined): string | null {
  if (scheme.type === 'md5-template') {
    if (!isJsonObject(value)) return null;
    return createHash('md5').update(renderSignTemplate(scheme.template ?? DEFAULT_SIGN_TEMPLATE, value, key), 'utf8').digest('hex');
  }
  if (scheme.type === 'hmac-sha256') return createHmac('sha256', key).update(body).digest(scheme.encoding ?? 'hex');
  return null;
}

/**
 * For resend: the new `Sign` value (md5-template; put it in the body, the template never reads Sign)
 * or the header to send (hmac-sha256; compute it over the final body bytes). Null for `none`.
 */
export function signBody(scheme: SignScheme, key: string, body: Uint8Array, value: JsonValue | undefined): SignPlacement | null {
  const sign = computeSign(scheme, key, body, value);
  if (sign === null) return null;
  if (scheme.type === 'md5-template') return { where: 'body', field: 'Sign', value: sign };
  return { where: 'header', header: scheme.header ?? DEFAULT_SIGN_HEADER, value: sign };
}

/**
 * The scheme and KEY a delivery is checked with. The contract: with no KEY configured the vendor
 * signs with its default, so an md5-template endpoint without a KEY (and an unconfigured endpoint)
 * is checked with the vendor's default KEY.
 */
export function effectiveSign(endpoint: { key: string; sign: SignScheme } | null): { scheme: SignScheme; key: string; keySource: 'endpoint' | 'vendor-default' } {
  const scheme = endpoint?.sign ?? { type: 'md5-template' as const };
  if (scheme.type === 'md5-template' && !endpoint?.key) return { scheme, key: VENDOR_DEFAULT_KEY, keySource: 'vendor-default' };
  return { scheme, key: endpoint?.key ?? '', keySource: 'endpoint' };
}

export function verifySign(scheme: SignScheme | null, key: string, body: Uint8Array, value: JsonValue | undefined, headers: ReadonlyArray<readonly [string, string]>): SignResult {
  const type = scheme?.type ?? 'none';
  if (scheme === null || type === 'none') return { status: 'not-checked', scheme: 'none', reason: 'no Sign scheme configured' };
  if (!key) return { status: 'not-checked', scheme: type, reason: 'no KEY configured' };
  return type === 'md5-template' ? verifyMd5(scheme, key, body, value) : verifyHmac(scheme, key, body, headers);
}

function verifyMd5(scheme: SignScheme, key: string, body: Uint8Array, value: JsonValue | undefined): SignResult {
  const base = { scheme: 'md5-template' as const };
  if (!isJsonObject(value)) return { ...base, status: 'not-checked', reason: 'body is not a JSON object, so it has no Sign field' };
  const template = scheme.template ?? DEFAULT_SIGN_TEMPLATE;
  const expected = computeSign(scheme, key, body, value) as string;
  const received = field(value, 'Sign');
  if (received === undefined) return { ...base, status: 'mismatch', expected, reason: 'body has no Sign field' };
  if (typeof received !== 'string') return { ...base, status: 'mismatch', expected, reason: 'Sign is not a string' };
  if (sameText(received.toLowerCase(), expected)) return { ...base, status: 'verified', received, expected };
  const missing = missingTemplateFields(template, value);
  const note = missing.length > 0 ? ` (the body lacks ${missing.join(', ')}, rendered as "")` : '';
  return { ...base, status: 'mismatch', received, expected, reason: `Sign differs from md5 of the template ${template}${note}` };
}

function verifyHmac(scheme: SignScheme, key: string, body: Uint8Array, headers: ReadonlyArray<readonly [string, string]>): SignResult {
  const base = { scheme: 'hmac-sha256' as const };
  const name = scheme.header ?? DEFAULT_SIGN_HEADER;
  const encoding = scheme.encoding ?? 'hex';
  const digest = createHmac('sha256', key).update(body).digest();
  const expected = digest.toString(encoding);
  const header = headerValue(headers, name);
  if (header === null) return { ...base, status: 'mismatch', expected, reason: `no ${name} header` };
  const received = header.trim();
  const written = received.replace(/^sha256=/i, '');
  const got = encoding === 'hex' ? (/^[0-9a-f]{64}$/i.test(written) ? Buffer.from(written, 'hex') : null) : Buffer.from(written, 'base64');
  if (got === null || got.length !== digest.length) return { ...base, status: 'mismatch', received, expected, reason: `${name} is not a SHA-256 digest in ${encoding}` };
  if (timingSafeEqual(got, digest)) return { ...base, status: 'verified', received, expected };
  return { ...base, status: 'mismatch', received, expected, reason: `${name} differs from HMAC-SHA256 of the body with the KEY` };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
