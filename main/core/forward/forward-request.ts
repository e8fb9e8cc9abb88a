// The request a forward sends: the delivery as it arrived (method, header pairs, exact body bytes),
// minus what belongs to the hop it came in on (Host, framing, headers its Connection header names).
// X-Forwarded-* from the tunnel are kept: the app may log them as it would behind the same tunnel.
import type { CapturedRequest } from '../../../shared/model.js';

const HOP_HEADERS = /^(host|content-length|transfer-encoding|connection|keep-alive|upgrade|te|trailer|proxy-connection|expect)$/i;

const OUR_HEADER = 'x-callback-inspector-delivery';

export interface ForwardRequest {
  method: string;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

export function forwardRequest(deliveryId: number, c: Pick<CapturedRequest, 'method' | 'headers' | 'body'>): ForwardRequest {
  const named = new Set(
    c.headers
      .filter(([name]) => name.toLowerCase() === 'connection')
      .flatMap(([, value]) => value.split(',').map((v) => v.trim().toLowerCase())),
  );
  const headers = c.headers.filter(
    ([name]) => !HOP_HEADERS.test(name) && !named.has(name.toLowerCase()) && name.toLowerCase() !== OUR_HEADER,
  );
  // The app can tell a forwarded delivery and find it in the inspector (one such header, ours).
  headers.push(['X-Callback-Inspector-Delivery', String(deliveryId)]);
  return { method: c.method, headers, body: c.body };
}
