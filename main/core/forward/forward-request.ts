// The request a forward sends: the delivery as it arrived (method, header pairs, exact body bytes),
// minus what belongs to the hop it came in on (Host, framing, the tunnel's X-Forwarded-*).
import type { CapturedRequest } from '../../../shared/model.js';

const HOP_HEADERS = /^(host|content-length|transfer-encoding|connection|keep-alive|upgrade|te|trailer|proxy-connection|expect)$/i;

export interface ForwardRequest {
  method: string;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

export function forwardRequest(deliveryId: number, c: Pick<CapturedRequest, 'method' | 'headers' | 'body'>): ForwardRequest {
  const headers = c.headers.filter(([name]) => !HOP_HEADERS.test(name));
  // The app can tell a forwarded delivery and find it in the inspector.
  headers.push(['X-Callback-Inspector-Delivery', String(deliveryId)]);
  return { method: c.method, headers, body: c.body };
}
