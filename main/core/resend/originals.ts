// Reads a stored delivery as a re-send starts from it: its method, headers, stored bytes, its
// endpoint's Sign settings, and the path and query it arrived at (default-target.ts puts them on a
// base this app trusts; its Host and X-Forwarded-Host headers are the sender's word).
import type { ResendDraft } from '../../../shared/model.js';
import { decodeBody } from '../ingest/decode.js';
import { effectiveSign } from '../sign/schemes.js';
import type { Store } from '../store/index.js';
import { targetOn } from './default-target.js';
import { defaultHeaders, MAX_RESIGN_BYTES, type Original } from './request.js';

export interface StoredOriginal extends Original {
  id: number;
  receivedAt: number;
  /** The request target's path and query, e.g. `/hooks/acme/` and `a=1`. */
  path: string;
  query: string;
  /** Only a prefix of the body is stored: it was over the body limit. */
  truncated: boolean;
  /** This app's own re-send to itself, not the vendor's. */
  resend: boolean;
}

export function loadOriginal(store: Store, id: number): StoredOriginal | null {
  const delivery = store.deliveries.get(id);
  const body = store.deliveries.body(id);
  if (!delivery || !body) return null;
  const endpoint = store.endpoints.list().find((e) => e.name === delivery.endpoint) ?? null;
  return {
    id,
    receivedAt: delivery.receivedAt,
    method: delivery.method,
    headers: delivery.headers,
    body,
    endpoint,
    path: delivery.path,
    query: delivery.query,
    truncated: delivery.truncated,
    resend: delivery.resend,
  };
}

/** `base`: see defaultBase in default-target.ts. */
export function draftOf(original: StoredOriginal, base: string | null): ResendDraft {
  const { scheme, key, keySource } = effectiveSign(original.endpoint);
  const headers = defaultHeaders(original);
  return {
    deliveryId: original.id,
    method: original.method,
    headers,
    ...draftBody(original),
    scheme,
    key,
    keySource,
    originalUrl: targetOn(base, original.path, original.query),
    truncated: original.truncated,
  };
}

/**
 * The body as text for the editor, unless it is over MAX_RESIGN_BYTES (stored or decoded): the draft
 * is built on the receiver's thread, and an editor cannot work on 60 MB anyway.
 */
function draftBody(original: StoredOriginal): Pick<ResendDraft, 'bodyText' | 'bodyNote'> {
  const tooBig = {
    bodyText: null,
    bodyNote: `over ${MAX_RESIGN_BYTES / 1024 / 1024} MiB decoded: it cannot be edited or re-signed here, and is sent exactly as stored`,
  };
  if (original.body.length > MAX_RESIGN_BYTES) return tooBig;
  const decoded = decodeBody(original.body, original.headers, MAX_RESIGN_BYTES);
  if (decoded.problems.some((p) => p.code === 'decoded-too-large') || (decoded.text?.length ?? 0) > MAX_RESIGN_BYTES) return tooBig;
  return { bodyText: decoded.text, bodyNote: null };
}

/** Why a stored delivery may not be sent as it is: its body was cut when it arrived. */
export function truncatedRefusal(original: StoredOriginal): string | null {
  if (!original.truncated) return null;
  return `delivery #${original.id} was cut when it arrived (over the body limit, answered 413): only its first ${original.body.length} bytes are stored; allow truncated bodies to send them anyway`;
}
