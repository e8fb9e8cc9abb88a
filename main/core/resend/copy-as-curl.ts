// Copy as curl for what the store holds: a delivery (to where it arrived, or elsewhere) or a stored
// attempt (exactly as it was written). Errors are values: the host shows them as it sees fit.
import type { CurlCommand } from '../../../shared/model.js';
import type { Store } from '../store/index.js';
import { curlCommand } from './curl.js';
import { loadOriginal } from './originals.js';

export type CurlResult = { ok: true; curl: CurlCommand } | { ok: false; field: 'deliveryId' | 'sendId' | 'to'; error: string };

export function curlOfDelivery(store: Store, id: number, to?: string): CurlResult {
  const original = loadOriginal(store, id);
  if (!original) return { ok: false, field: 'deliveryId', error: `there is no delivery #${id}` };
  const url = to ?? original.url;
  if (!url) return { ok: false, field: 'to', error: `delivery #${id} has no Host header: say where to send it` };
  // The original Host named the receiver it reached; curl writes the target's.
  const headers = original.headers.filter(([n]) => n.toLowerCase() !== 'host');
  return { ok: true, curl: curlCommand({ url, method: original.method, headers, body: original.body }, `delivery-${id}.body`) };
}

export function curlOfAttempt(store: Store, id: number): CurlResult {
  const r = store.sends.request(id);
  if (!r) return { ok: false, field: 'sendId', error: `there is no attempt #${id}` };
  return { ok: true, curl: curlCommand({ url: r.url, method: r.method, headers: r.headers, body: r.body }, `attempt-${id}.body`) };
}
