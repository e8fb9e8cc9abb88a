// Reads a stored delivery as a re-send starts from it: its method, headers, stored bytes, its
// endpoint's Sign settings, and the URL it arrived at (rebuilt from its Host header).
import type { ResendDraft } from '../../../shared/model.js';
import { decodeBody } from '../ingest/decode.js';
import { headerValue } from '../ingest/headers.js';
import { effectiveSign } from '../ingest/sign-check.js';
import type { Store } from '../store/index.js';
import { defaultHeaders, type Original } from './request.js';

export interface StoredOriginal extends Original {
  id: number;
  receivedAt: number;
  /** Where it arrived, e.g. `http://127.0.0.1:8787/hooks/acme/`; null without a Host header. */
  url: string | null;
  /** Only a prefix of the body is stored: it was over the body limit. */
  truncated: boolean;
  /** This app's own re-send to itself, not the vendor's. */
  resend: boolean;
}

export function loadOriginal(store: Store, id: number): StoredOriginal | null {
  const row = store.deliveries.row(id);
  const body = store.deliveries.body(id);
  if (!row || !body) return null;
  const headers = JSON.parse(row.headers) as Array<[string, string]>;
  const endpoint = store.endpoints.list().find((e) => e.name === row.endpoint) ?? null;
  const host = headerValue(headers, 'x-forwarded-host')?.split(',')[0]?.trim() || headerValue(headers, 'host');
  const proto = headerValue(headers, 'x-forwarded-proto')?.split(',')[0]?.trim() === 'https' ? 'https' : 'http';
  const url = host ? `${proto}://${host}${row.path}${row.query ? `?${row.query}` : ''}` : null;
  return { id, receivedAt: row.received_at, method: row.method, headers, body, endpoint, url, truncated: row.truncated === 1, resend: row.resend === 1 };
}

export function draftOf(original: StoredOriginal): ResendDraft {
  const { scheme, key, keySource } = effectiveSign(original.endpoint);
  const headers = defaultHeaders(original);
  return {
    deliveryId: original.id,
    method: original.method,
    headers,
    bodyText: decodeBody(original.body, original.headers).text,
    scheme,
    key,
    keySource,
    originalUrl: original.url,
    truncated: original.truncated,
  };
}

/** Why a stored delivery may not be sent as it is: its body was cut when it arrived. */
export function truncatedRefusal(original: StoredOriginal): string | null {
  if (!original.truncated) return null;
  return `delivery #${original.id} was cut when it arrived (over the body limit, answered 413): only its first ${original.body.length} bytes are stored; allow truncated bodies to send them anyway`;
}
