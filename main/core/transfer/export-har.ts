// Writes selected deliveries as HAR 1.2, for browser dev tools and HTTP tools that import HAR. The
// request is what arrived (headers in order, stored body; its path and query on the public URL the
// user confirmed, else on the receiver, never on the sender's Host or X-Forwarded-Host: a HAR is
// opened in tools that replay it); the response is the answer the receiver gave. Bodies that are not
// UTF-8 text are base64.
import type { HarEntry, HarLog, GivenResponse } from '../../../shared/model.js';
import { headerValue } from '../../../shared/header-values.js';
import { targetOn } from '../resend/default-target.js';
import { loadOriginal } from '../resend/originals.js';
import type { Store } from '../store/index.js';
import { version } from '../version.js';

/** `base`: see defaultBase in default-target.ts; without one, URLs say `unknown-host`. */
export function exportHar(store: Store, ids: readonly number[], base: string | null): HarLog {
  const entries: HarEntry[] = [];
  for (const id of ids) {
    const original = loadOriginal(store, id);
    const row = store.deliveries.row(id);
    if (!original || !row) continue;
    const response = JSON.parse(row.response) as GivenResponse;
    const url = targetOn(base, original.path, original.query) ?? targetOn(UNKNOWN_HOST, original.path, original.query)!;
    const text = utf8(original.body);
    entries.push({
      startedDateTime: new Date(row.received_at).toISOString(),
      time: response.delayMs,
      request: {
        method: row.method,
        url,
        httpVersion: 'HTTP/1.1',
        headers: original.headers.map(([name, value]) => ({ name, value })),
        queryString: [...new URLSearchParams(row.query)].map(([name, value]) => ({ name, value })),
        cookies: [],
        headersSize: -1,
        bodySize: original.body.byteLength,
        ...(original.body.byteLength > 0
          ? {
              postData:
                text !== null
                  ? { mimeType: headerValue(original.headers, 'content-type') ?? '', text }
                  : {
                      mimeType: headerValue(original.headers, 'content-type') ?? '',
                      text: Buffer.from(original.body).toString('base64'),
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
      comment: `Callback Inspector delivery #${id}, endpoint ${row.endpoint}`,
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
