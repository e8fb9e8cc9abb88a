// Before a bulk re-send: how many deliveries it sends and the first few, in sending order (oldest
// first), from the core's own selection (bulkResendPreview), each linking to its delivery.
import type { DeliveryFilter } from '../../../shared/api.js';
import { useApi, useAsync } from '../api/context.js';
import { formatBytes, formatLocal } from '../common/format.js';
import { formatRoute } from '../routing/route.js';

const FIRST = 5;

/** `total`: the inbox's count of the filter's deliveries; the preview is read again when it changes. */
export function BulkPreview({ filter, total }: { filter: DeliveryFilter; total: number | null }) {
  const api = useApi();
  const key = JSON.stringify(filter);
  const loaded = useAsync(() => api.bulkResendPreview({ filter, first: FIRST }), [api, key, total]);
  if (loaded.status === 'loading') return <div className="bulk-preview quiet">Counting what will be sent…</div>;
  if (loaded.status === 'error') return <div className="bulk-preview invalid-note">Could not preview: {loaded.error.message}</div>;
  const { count, more, first } = loaded.value;
  return (
    <div className="bulk-preview" role="region" aria-label="what will be sent">
      <span>
        Will send <b>{count.toLocaleString('en')}</b> {count === 1 ? 'delivery' : 'deliveries'}, oldest first
        {more && <> (more match the filter: only the oldest {count.toLocaleString('en')} are sent)</>}
        {count > 0 && ':'}
      </span>
      <ol>
        {first.map((d) => (
          <li key={d.id}>
            <a href={formatRoute({ name: 'delivery', id: d.id })}>#{d.id}</a> {formatLocal(d.receivedAt)} · {d.endpoint} ·{' '}
            {d.taskName ?? d.kind} · {formatBytes(d.size)}
            {d.truncated && <span className="badge bad">cut on arrival: skipped</span>}
          </li>
        ))}
        {count > first.length && <li className="quiet">… and {(count - first.length).toLocaleString('en')} more</li>}
      </ol>
    </div>
  );
}
