// After a send job: the items that were not delivered, each with why (its last attempt's answer or
// error, or why it was not sent at all) and a link to its delivery.
import type { JobInfo, SendAttempt } from '../../../shared/model.js';
import { useApi, useAsync } from '../api/context.js';
import { formatRoute } from '../routing/route.js';

/** The most listed; the count says how many there are in all. */
const SHOWN = 100;

export function FailedItems({ job }: { job: JobInfo }) {
  const api = useApi();
  const ended = job.state !== 'running';
  const loaded = useAsync(
    () => (ended && job.failed > 0 ? api.listSends({ jobId: job.id, failed: true, limit: SHOWN }) : Promise.resolve([])),
    [api, job.id, ended, job.failed],
  );
  if (!ended || job.failed === 0) return null;
  if (loaded.status === 'error')
    return <div className="failed-items invalid-note">Could not list the failed items: {loaded.error.message}</div>;
  const attempts = loaded.status === 'ready' ? [...loaded.value].sort((a, b) => a.item - b.item) : [];
  const notSent = job.notes.map(notSentItem);
  const listed = attempts.length + notSent.length;
  return (
    <div className="failed-items" role="region" aria-label="failed items">
      <b>Not delivered ({job.failed})</b>
      <ul>
        {attempts.map((a) => (
          <li key={a.id}>
            <DeliveryLink id={a.deliveryId} /> <span className="badge bad">{a.errorClass ?? a.responseStatus}</span> {reason(a)}
            <span className="quiet">
              {' '}
              · after {a.attempt} attempt{a.attempt === 1 ? '' : 's'}
            </span>
          </li>
        ))}
        {notSent.map((n, i) => (
          <li key={`note-${i}`}>
            <DeliveryLink id={n.deliveryId} /> <span className="badge bad">not sent</span> {n.why}
          </li>
        ))}
        {loaded.status === 'ready' && job.failed > listed && <li className="quiet">… and {job.failed - listed} more</li>}
      </ul>
    </div>
  );
}

function DeliveryLink({ id }: { id: number | null }) {
  return id === null ? <span className="quiet">(no delivery)</span> : <a href={formatRoute({ name: 'delivery', id })}>#{id}</a>;
}

function reason(a: SendAttempt): string {
  if (a.errorClass) return a.errorMessage ?? a.errorClass;
  return `answered HTTP ${a.responseStatus}, not 200`;
}

/** An item that could not be sent is noted as `#<delivery id>: <why>` (resend/engine.ts, forward/forwarder.ts). */
function notSentItem(note: string): { deliveryId: number | null; why: string } {
  const m = /^#(\d+): ([\s\S]*)$/.exec(note);
  return m ? { deliveryId: Number(m[1]), why: m[2]! } : { deliveryId: null, why: note };
}
