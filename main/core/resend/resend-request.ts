// The request a re-send of one delivery (or of a body alone) puts on the wire, from the `resend`
// operation's input. Send and Copy as curl both build it here, so what curl shows is what Send sends.
import type { SignChoice } from '../../../shared/api.js';
import type { Store } from '../store/index.js';
import { loadOriginal, truncatedRefusal, type StoredOriginal } from './originals.js';
import { buildRequest, type BuiltRequest } from './request.js';

export interface ResendRequestInput {
  deliveryId?: number | undefined;
  body?: { text: string } | { base64: string } | undefined;
  method?: string | undefined;
  headers?: Array<[string, string]> | undefined;
  sign: SignChoice;
  allowTruncated?: boolean | undefined;
}

/** `field`: the input field to blame. `original`: the stored delivery it starts from, if any. */
export type ResendRequestResult =
  | { ok: true; request: BuiltRequest; original: StoredOriginal | null }
  | { ok: false; field: 'deliveryId' | 'allowTruncated' | 'sign'; error: string };

export function resendRequest(store: Store, a: ResendRequestInput): ResendRequestResult {
  const edits = { body: a.body, method: a.method, headers: a.headers, sign: a.sign };
  if (a.deliveryId === undefined) {
    const built = buildRequest({ original: null, ...edits });
    return built.ok ? { ...built, original: null } : { ...built, field: 'sign' };
  }
  const original = loadOriginal(store, a.deliveryId);
  if (!original) return { ok: false, field: 'deliveryId', error: `there is no delivery #${a.deliveryId} (removed by retention?)` };
  // An edited body replaces the stored prefix, so nothing is sent short.
  const refusal = a.body || a.allowTruncated ? null : truncatedRefusal(original);
  if (refusal) return { ok: false, field: 'allowTruncated', error: refusal };
  const built = buildRequest({ original, ...edits });
  return built.ok ? { ...built, original } : { ...built, field: 'sign' };
}
