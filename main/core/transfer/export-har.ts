// Writes selected deliveries as HAR 1.2, for browser dev tools and HTTP tools that import HAR. The
// request is what arrived (headers in order, stored body; its path and query on the public URL the
// user confirmed, else on the receiver, never on the sender's Host or X-Forwarded-Host: a HAR is
// opened in tools that replay it); the response is the answer the receiver gave. Bodies that are not
// UTF-8 text are base64.
import type { HarEntry, HarLog } from '../../../shared/model.js';
import { headerValue } from '../../../shared/header-values.js';
import { targetOn } from '../resend/default-target.js';
import type { Store } from '../store/index.js';
import { version } from '../version.js';

/** `base`: see defaultBase in default-target.ts; without one, URLs say `unknown-host`. */
export function exportHar(store: Store, ids: readonly number[], base: string | null): HarLog {
  const entries: HarEntry[] = [];
  for (const id of ids) {
    const d = store.deliveries.get(id);
    const body = store.deliveries.body(id);
    if (!d || !body) continue;
    const { response, headers } = d;
    const url = targetOn(base, d.path, d.query) ?? targetOn(UNKNOWN_HOST, d.path, d.query)!;
    const text = utf8(body);
    entries.push({
      startedDateTime: new Date(d.receivedAt).toISOString(),
      time: response.delayMs,
      request: {
        method: d.method,
        url,
        httpVersion: 'HTTP/1.1',
        headers: headers.map(([name, value]) => ({ name, value })),
        queryString: [...new URLSearchParams(d.query)].map(([name, value]) => ({ name, value })),
        cookies: [],
        headersSize: -1,
        bodySize: body.byteLength,
        ...(body.byteLength > 0
          ? {
              postData:
                text !== null
                  ? { mimeType: headerValue(headers, 'content-type') ?? '', text }
                  : {
                      mimeType: headerValue(headers, 'content-type') ?? '',
                      text: body.toString('base64'),
                      encoding: 'base64' as const,
                    },
            }
          : {}),
      },
      response: {
        status: response.status ?? 0,
        statusText: response.hung ? 'never answered' : response.reason,
        httpVersion: 'HTTP/1.1',
        headers: [],
        cookies: [],
        content: { size: -1, mimeType: '' },
        redirectURL: '',
        headersSize: -1,
        bodySize: -1,
      },
      cache: {},
      timings: { send: 0, wait: response.delayMs, receive: 0 },
      comment: `Callback Inspector delivery #${id}, endpoint ${d.endpoint}`,
    });
  }
  return { log: { version: '1.2', creator: { name: 'Callback Inspector', version }, entries } };
}

const UNKNOWN_HOST = 'http://unknown-host/';

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
