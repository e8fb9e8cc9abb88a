// The call's RedailCall[] entries. Their start times carry no zone: shown exactly as written.
import type { RedialSummary } from '../../../shared/model.js';

export function RedialsTable({ redials }: { redials: RedialSummary[] }) {
  if (redials.length === 0) return <p className="quiet">No redials.</p>;
  // Eight columns, two of them long ids: on a narrow pane it scrolls sideways instead of clipping.
  return (
    <div className="table-scroll">
      <table className="grid">
        <thead>
          <tr>
            <th>#</th>
            <th>CallID</th>
            <th>start (no zone, as written)</th>
            <th>ring type</th>
            <th>ring time</th>
            <th>hang-up</th>
            <th>result</th>
            <th>caller</th>
          </tr>
        </thead>
        <tbody>
          {redials.map((r) => (
            <tr key={r.index}>
              <td>{r.index}</td>
              <td className="mono">{r.callId ?? '—'}</td>
              <td className="mono">{r.startTimeRaw ?? '—'}</td>
              <td>{r.ringType === '' ? '"" (empty)' : (r.ringType ?? '—')}</td>
              <td>{r.ringTime === null ? '—' : `${r.ringTime} s`}</td>
              <td>{r.hangupType ?? '—'}</td>
              <td>{r.resultLabel ?? '—'}</td>
              <td>{r.callerNumber ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
