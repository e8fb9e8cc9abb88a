// Copy as curl for what the store holds: a delivery as it arrived or as a re-send would send it (to
// the default target, or elsewhere), or a stored attempt (exactly as it was written). Errors are
// values: the host shows them as it sees fit.
import type { CurlCommand } from '../../../shared/model.js';
import type { Store } from '../store/index.js';
import { curlCommand } from './curl.js';
import { targetOn } from './default-target.js';
import { loadOriginal } from './originals.js';
import { resendRequest, type ResendRequestInput } from './resend-request.js';

export type CurlResult =
  { ok: true; curl: CurlCommand } | { ok: false; field: 'deliveryId' | 'sendId' | 'to' | 'allowTruncated' | 'sign'; error: string };

/** `base`: where the delivery goes without `to` (see defaultBase in default-target.ts). */
export function curlOfDelivery(store: Store, id: number, to: string | undefined, base: string | null): CurlResult {
  const original = loadOriginal(store, id);
  if (!original) return { ok: false, field: 'deliveryId', error: `there is no delivery #${id}` };
  if (to !== undefined && !isHttpUrl(to))
    return { ok: false, field: 'to', error: `not an absolute http:// or https:// URL: ${JSON.stringify(to)}` };
  const url = to ?? targetOn(base, original.path, original.query);
  if (!url)
    return {
      ok: false,
      field: 'to',
      error: `no public URL is set and no receiver is running to send delivery #${id} to: say where to send it`,
    };
  // The original Host named the receiver it reached; curl writes the target's.
  const headers = original.headers.filter(([n]) => n.toLowerCase() !== 'host');
  return { ok: true, curl: curlCommand({ url, method: original.method, headers, body: original.body }, `delivery-${id}.body`) };
}

/**
 * What `resend` with the same input sends, built by the same code (resend-request.ts), so Copy as
 * curl in the re-send form cannot show one request while Send sends another. Only the re-send mark
 * is left out: it names the job, and a pasted command is no job of this app.
 */
export function curlOfResend(
  store: Store,
  a: ResendRequestInput & { deliveryId: number },
  to: string | undefined,
  base: string | null,
): CurlResult {
  const built = resendRequest(store, a);
  if (!built.ok) return built;
  const original = built.original!;
  const url = to ?? targetOn(base, original.path, original.query);
  if (!url)
    return {
      ok: false,
      field: 'to',
      error: `no public URL is set and no receiver is running to send delivery #${a.deliveryId} to: say where to send it`,
    };
  return { ok: true, curl: curlCommand({ url, ...built.request }, `delivery-${a.deliveryId}.body`) };
}

export function curlOfAttempt(store: Store, id: number): CurlResult {
  const r = store.sends.request(id);
  if (!r) return { ok: false, field: 'sendId', error: `there is no attempt #${id}` };
  return { ok: true, curl: curlCommand({ url: r.url, method: r.method, headers: r.headers, body: r.body }, `attempt-${id}.body`) };
}

function isHttpUrl(u: string): boolean {
  return URL.canParse(u) && /^https?:$/.test(new URL(u).protocol);
}
