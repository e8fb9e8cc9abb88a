// Every re-send attempt of one delivery, newest first and live: status or error class, duration,
// target; open one for its request and response (text only, never HTML), or copy it as curl.
import { useEffect, useState } from 'react';
import type { CurlCommand, SendAttempt, SendAttemptDetail } from '../../../shared/model.js';
import { useApi, useAsync, useConnection, useEventBatches } from '../api/context.js';
import { formatBytes, formatLocal } from '../common/format.js';
import { HeadersTable } from '../delivery/DeliveryFacts.js';
import { CurlBox } from './CurlBox.js';
import { formatRoute } from '../routing/route.js';

/** Attempts from both lists, each once (the later copy wins), newest first. */
function newestFirst(a: SendAttempt[], b: SendAttempt[]): SendAttempt[] {
  return [...new Map([...a, ...b].map((x) => [x.id, x])).values()].sort((x, y) => y.id - x.id);
}

export function AttemptLog({ deliveryId }: { deliveryId: number }) {
  const api = useApi();
  const loaded = useAsync(() => api.listSends({ deliveryId, limit: 200 }), [api, deliveryId]);
  const [live, setLive] = useState<SendAttempt[]>([]);
  const [open, setOpen] = useState<number | null>(null);
  useEventBatches('sendAttempt', (batch) => {
    const mine = batch.filter((a) => a.deliveryId === deliveryId);
    if (mine.length) setLive((prev) => newestFirst(prev, mine));
  });
  // Attempts whose events were missed are read again in the background: the list stays as it is meanwhile.
  const connection = useConnection();
  useEffect(
    () =>
      connection.onResync((missed) => {
        if (!missed.includes('sendAttempt')) return;
        api.listSends({ deliveryId, limit: 200 }).then(
          (fresh) => setLive((prev) => newestFirst(prev, fresh)),
          () => {}, // the list stays as it was; the next resync or reconnect tries again
        );
      }),
    [connection, api, deliveryId],
  );
  if (loaded.status === 'loading') return <p className="quiet">Loading attempts…</p>;
  if (loaded.status === 'error') return <p className="invalid-note">Could not load attempts: {loaded.error.message}</p>;
  const known = new Set(live.map((a) => a.id));
  const attempts = [...live, ...loaded.value.filter((a) => !known.has(a.id))];
  if (attempts.length === 0) return <p className="quiet">Not re-sent yet.</p>;
  return (
    <ol className="attempt-log">
      {attempts.map((a) => (
        <li key={a.id} className={a.ok ? 'ok' : 'failed'}>
          <button type="button" className="attempt-row" onClick={() => setOpen(open === a.id ? null : a.id)} aria-expanded={open === a.id}>
            <span className="mono">
              job {a.jobId} · #{a.attempt}
            </span>
            <Outcome a={a} />
            <span className="quiet">{Math.round(a.durationMs)} ms</span>
            <span className="quiet">{formatLocal(a.startedAt)}</span>
          </button>
          <div className="attempt-url mono">
            {a.method} {a.url}
          </div>
          {open === a.id && <AttemptDetail id={a.id} />}
        </li>
      ))}
    </ol>
  );
}

function Outcome({ a }: { a: SendAttempt }) {
  if (a.errorClass)
    return (
      <span className="badge bad" title={a.errorMessage ?? ''}>
        {a.errorClass}
      </span>
    );
  return <span className={`badge ${a.ok ? 'ok' : 'bad'}`}>{a.responseStatus}</span>;
}

function AttemptDetail({ id }: { id: number }) {
  const api = useApi();
  const loaded = useAsync(() => api.getSend({ id }), [api, id]);
  const [curl, setCurl] = useState<CurlCommand | null>(null);
  if (loaded.status !== 'ready' || !loaded.value)
    return <p className="quiet">{loaded.status === 'error' ? loaded.error.message : 'Loading…'}</p>;
  const d: SendAttemptDetail = loaded.value;
  return (
    <div className="attempt-detail">
      {d.errorMessage && <p className="invalid-note">{d.errorMessage}</p>}
      <h3>Request headers</h3>
      <HeadersTable headers={d.requestHeaders} />
      <h3>Request body ({formatBytes(d.requestSize)})</h3>
      {d.deliveryId !== null && (
        <a className="compare-link" href={formatRoute({ name: 'diff', a: String(d.deliveryId), b: `send:${d.id}` })}>
          Compare the sent body with the original
        </a>
      )}
      <pre className="body-snippet">{preview(d.requestBodyBase64)}</pre>
      <h3>Response headers</h3>
      <HeadersTable headers={d.responseHeaders} />
      <h3>
        Response body ({formatBytes(d.responseSize)}
        {d.responseTruncated ? ', first 64 KB kept' : ''})
      </h3>
      <pre className="body-snippet">{preview(d.responseBodyBase64)}</pre>
      {curl ? (
        <CurlBox curl={curl} onClose={() => setCurl(null)} />
      ) : (
        <button type="button" onClick={() => void api.copyAsCurl({ sendId: id }).then((c) => c && setCurl(c))}>
          Copy as curl
        </button>
      )}
    </div>
  );
}

/** The first 4 KB as UTF-8 text (replacement characters for bytes that are not). */
function preview(base64: string): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const text = new TextDecoder().decode(bytes.subarray(0, 4096));
  return bytes.length > 4096 ? `${text}\n… (${formatBytes(bytes.length)} in all)` : text;
}
