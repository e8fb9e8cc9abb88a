// Standard Webhooks (https://www.standardwebhooks.com/, spec/standard-webhooks.md), its pure parts:
// the three headers, the `whsec_` secret, the `v1,<base64>` signature list and the timestamp check.
// The HMAC-SHA256 itself is computed in the core (node:crypto).

export const WEBHOOK_ID = 'webhook-id';
export const WEBHOOK_TIMESTAMP = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE = 'webhook-signature';
export const STANDARD_WEBHOOK_HEADERS = [WEBHOOK_ID, WEBHOOK_TIMESTAMP, WEBHOOK_SIGNATURE] as const;

export const WHSEC_PREFIX = 'whsec_';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;

/**
 * The base64 part of a secret: `whsec_<base64>` as the spec serialises it, or the bare base64 (the
 * reference libraries accept both). An error says what is wrong without repeating the secret.
 */
export function secretBase64(key: string): { ok: true; base64: string } | { ok: false; error: string } {
  const base64 = key.startsWith(WHSEC_PREFIX) ? key.slice(WHSEC_PREFIX.length) : key;
  if (base64 === '') return { ok: false, error: 'the KEY is empty: expected whsec_ followed by base64' };
  if (!BASE64.test(base64)) return { ok: false, error: 'the KEY is not a Standard Webhooks secret: expected whsec_ followed by base64' };
  return { ok: true, base64 };
}

/** `id.timestamp.body` with the body shown by its size: what was signed, for a person. */
export function describeSigned(id: string, timestamp: string, bodySize: number): string {
  return `${id}.${timestamp}.<body: ${bodySize} bytes>`;
}

/** The space-separated `version,signature` list; only `v1` (HMAC-SHA256) entries are ours to check. */
export function parseSignatures(value: string): { v1: string[]; others: string[] } {
  const v1: string[] = [];
  const others: string[] = [];
  for (const entry of value.trim().split(/\s+/)) {
    if (entry === '') continue;
    const comma = entry.indexOf(',');
    const version = comma < 0 ? entry : entry.slice(0, comma);
    if (version === 'v1' && comma > 0) v1.push(entry.slice(comma + 1));
    else others.push(version);
  }
  return { v1, others };
}
