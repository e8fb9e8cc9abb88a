// The generic HMAC header scheme, its pure parts: settings with their defaults (the legacy
// `hmac-sha256` type included), the "what is signed" template, and the Stripe-like `t=…,v1=…` header.
// Digests are computed in the core (node:crypto); the renderer uses this to edit and explain.
import type { HmacAlgorithm, SignScheme } from '../model.js';
import { DEFAULT_TOLERANCE_SECONDS } from './timestamp.js';
import { PLACEHOLDER } from './placeholders.js';

export const HMAC_ALGORITHMS: readonly HmacAlgorithm[] = ['sha1', 'sha256', 'sha512'];
export const DEFAULT_HMAC_HEADER = 'X-Signature';
/** The raw body (after Content-Encoding is undone), as GitHub and Shopify sign it. */
export const DEFAULT_HMAC_SIGNED = '{body}';

/** Digest length in bytes, to tell a malformed value from a wrong one. */
export const DIGEST_BYTES: Readonly<Record<HmacAlgorithm, number>> = { sha1: 20, sha256: 32, sha512: 64 };

export interface HmacSettings {
  header: string;
  algorithm: HmacAlgorithm;
  encoding: 'hex' | 'base64';
  /** Written before the digest, e.g. `sha256=` (GitHub) or `v1=` (Stripe-like); may be empty. */
  prefix: string;
  signed: string;
  toleranceSeconds: number;
}

/**
 * The settings an `hmac` or legacy `hmac-sha256` scheme means. `hmac-sha256` (stored by earlier
 * versions) is `hmac` with sha256, no prefix and the raw body: exactly what it always checked.
 */
export function hmacSettings(scheme: SignScheme): HmacSettings {
  const legacy = scheme.type === 'hmac-sha256';
  return {
    header: scheme.header || DEFAULT_HMAC_HEADER,
    algorithm: legacy ? 'sha256' : (scheme.algorithm ?? 'sha256'),
    encoding: scheme.encoding ?? 'hex',
    prefix: legacy ? '' : (scheme.prefix ?? ''),
    signed: legacy ? DEFAULT_HMAC_SIGNED : scheme.signed || DEFAULT_HMAC_SIGNED,
    toleranceSeconds: scheme.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
  };
}

export type SignedPart = { kind: 'text'; text: string } | { kind: 'body' } | { kind: 'timestamp' } | { kind: 'header'; name: string };

/**
 * `{body}` is the body bytes, `{timestamp}` the unix seconds of the Stripe-like header's `t=`,
 * `{header:Name}` a request header's value; everything else is literal text (UTF-8).
 */
export function parseSigned(template: string): SignedPart[] {
  const parts: SignedPart[] = [];
  let at = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (m.index > at) parts.push({ kind: 'text', text: template.slice(at, m.index) });
    if (m[1] === 'body') parts.push({ kind: 'body' });
    else if (m[1] === 'timestamp') parts.push({ kind: 'timestamp' });
    else parts.push({ kind: 'header', name: m[2] as string });
    at = m.index + m[0].length;
  }
  if (at < template.length) parts.push({ kind: 'text', text: template.slice(at) });
  return parts;
}

export function usesTimestamp(parts: readonly SignedPart[]): boolean {
  return parts.some((p) => p.kind === 'timestamp');
}

/** The request headers the signature covers besides the signature header (kept on a re-send). */
export function signedHeaderNames(parts: readonly SignedPart[]): string[] {
  return parts.flatMap((p) => (p.kind === 'header' ? [p.name] : []));
}

/**
 * What was signed, for a person: the template with the body shown by its size and headers and the
 * timestamp by their values (missing ones as "").
 */
export function describeSigned(
  parts: readonly SignedPart[],
  values: { bodySize: number; timestamp: string | null; header: (name: string) => string | null },
): string {
  return parts
    .map((p) => {
      if (p.kind === 'text') return p.text;
      if (p.kind === 'body') return `<body: ${values.bodySize} bytes>`;
      if (p.kind === 'timestamp') return values.timestamp ?? '';
      return values.header(p.name) ?? '';
    })
    .join('');
}

/**
 * A Stripe-like header `t=1492774577,v1=…,v1=…`: the timestamp and every item that starts with the
 * prefix (the prefix removed). Items of other versions (`v0=`) are ignored.
 */
export function parseTimestamped(value: string, prefix: string): { timestamp: string | null; signatures: string[] } {
  let timestamp: string | null = null;
  const signatures: string[] = [];
  for (const raw of value.split(',')) {
    const item = raw.trim();
    if (item.startsWith('t=')) timestamp ??= item.slice(2);
    else if (prefix === '' || item.startsWith(prefix)) signatures.push(item.slice(prefix.length));
  }
  return { timestamp, signatures };
}

export function formatTimestamped(timestamp: string, prefix: string, digest: string): string {
  return `t=${timestamp},${prefix}${digest}`;
}

/** Named starting points for the endpoint and re-send forms. */
export const HMAC_PRESETS: ReadonlyArray<{ name: string; note: string; scheme: SignScheme }> = [
  {
    name: 'GitHub',
    note: 'X-Hub-Signature-256: sha256=<hex of the body>',
    scheme: { type: 'hmac', header: 'X-Hub-Signature-256', algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=', signed: '{body}' },
  },
  {
    name: 'Shopify',
    note: 'X-Shopify-Hmac-Sha256: <base64 of the body>',
    scheme: { type: 'hmac', header: 'X-Shopify-Hmac-Sha256', algorithm: 'sha256', encoding: 'base64', prefix: '', signed: '{body}' },
  },
  {
    name: 'Slack',
    note: 'X-Slack-Signature: v0=<hex of "v0:<X-Slack-Request-Timestamp>:<body>">',
    scheme: {
      type: 'hmac',
      header: 'X-Slack-Signature',
      algorithm: 'sha256',
      encoding: 'hex',
      prefix: 'v0=',
      signed: 'v0:{header:X-Slack-Request-Timestamp}:{body}',
    },
  },
  {
    name: 'Stripe-like',
    note: 'Stripe-Signature: t=<unix s>,v1=<hex of "<t>.<body>">',
    scheme: { type: 'hmac', header: 'Stripe-Signature', algorithm: 'sha256', encoding: 'hex', prefix: 'v1=', signed: '{timestamp}.{body}' },
  },
];

/**
 * The legacy `hmac-sha256` written as the `hmac` it means, for forms that only offer `hmac`; other
 * schemes unchanged. Saving the result stores the same behaviour under the current name.
 */
export function withCurrentName(scheme: SignScheme): SignScheme {
  if (scheme.type !== 'hmac-sha256') return scheme;
  const { template: _template, ...rest } = scheme;
  return { ...rest, type: 'hmac', algorithm: 'sha256' };
}
