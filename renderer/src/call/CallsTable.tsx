// The calls of a delivery (its Details[]), one row each; a row opens the call, a number its chain.
// Paged: an 8 MB delivery carries thousands of calls, and a table that size takes seconds to lay out.
import { useState } from 'react';
import type { CallSummary } from '../../../shared/model.js';
import { formatRoute } from '../routing/route.js';

const PAGE = 100;

export function CallsTable({ calls }: { calls: CallSummary[] }) {
  const [page, setPage] = useState(0);
  const pages = Math.ceil(calls.length / PAGE);
  const shown = calls.slice(page * PAGE, (page + 1) * PAGE);
  return (
    <>
      {pages > 1 && (
        <div className="pager">
          <button onClick={() => setPage(page - 1)} disabled={page === 0}>
            ‹ prev
          </button>
          <span>
            calls {page * PAGE + 1}–{page * PAGE + shown.length} of {calls.length}
          </span>
          <button onClick={() => setPage(page + 1)} disabled={page >= pages - 1}>
            next ›
          </button>
        </div>
      )}
      <CallRows calls={shown} />
    </>
  );
}

function CallRows({ calls }: { calls: CallSummary[] }) {
  return (
    <table className="grid calls-table">
      <thead>
        <tr>
          <th>#</th>
          <th>callee</th>
          <th>number</th>
          <th>status</th>
          <th>intention</th>
          <th>start (as written)</th>
          <th>end</th>
          <th>duration</th>
          <th>ring type</th>
          <th>hang-up</th>
          <th>redials</th>
        </tr>
      </thead>
      <tbody>
        {calls.map((c) => (
          <tr key={c.index}>
            <td>
              <a href={formatRoute({ name: 'call', deliveryId: c.deliveryId, index: c.index })}>call {c.index}</a>
            </td>
            <td>{c.calleeName ?? '—'}</td>
            <td>
              {c.calleeNumber ? (
                <a href={formatRoute({ name: 'chain', callee: c.calleeNumber, taskId: c.taskId })} title="redial chain">
                  {c.calleeNumber}
                </a>
              ) : (
                '—'
              )}
            </td>
            <td>{c.status ?? '—'}</td>
            <td>{c.intention ?? '—'}</td>
            <td>{c.startTime ?? '—'}</td>
            <td>{c.endTime ?? '—'}</td>
            <td>{c.durationSec === null ? '—' : `${c.durationSec} s`}</td>
            <td>{c.ringType ?? '—'}</td>
            <td>{c.hangupType ?? '—'}</td>
            <td>{c.redialCount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
