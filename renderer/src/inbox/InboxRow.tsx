// One inbox row. Every value is rendered as text: payload strings (TaskName, paths) are data.
import { memo } from 'react';
import type { DeliverySummary } from '../../../shared/model.js';
import { AnswerBadge, KindBadge, ProblemsBadge, SignBadge } from '../common/badges.js';
import { formatCounts, formatLocal } from '../common/format.js';
import { formatRoute } from '../routing/route.js';

interface Props {
  row: DeliverySummary;
  /** Highest attempt seen in this row's retry group. */
  attempts: number;
  selected: boolean;
  top: number;
  onSelect(id: number): void;
}

export const InboxRow = memo(function InboxRow({ row, attempts, selected, top, onSelect }: Props) {
  return (
    <a
      className={`inbox-row${selected ? ' selected' : ''}`}
      href={formatRoute({ name: 'delivery', id: row.id })}
      style={{ transform: `translateY(${top}px)` }}
      onMouseDown={() => onSelect(row.id)}
      data-id={row.id}
      role="row"
      aria-selected={selected}
    >
      <span className="c-time">{formatLocal(row.receivedAt)}</span>
      <span className="c-endpoint">{row.endpoint}</span>
      <span className="c-path" title={`${row.method} ${row.path}`}>
        <b>{row.method}</b> {row.path}
      </span>
      <span className="c-kind"><KindBadge kind={row.kind} /></span>
      <span className="c-task" title={row.taskName ?? ''}>{row.taskName ?? '—'}</span>
      <span className="c-calls">{row.callCount}</span>
      <span className="c-status" title={formatCounts(row.statusSummary)}>{formatCounts(row.statusSummary) || '—'}</span>
      <span className="c-problems"><ProblemsBadge errors={row.errorCount} warnings={row.warningCount} notes={row.noteCount} /></span>
      <span className="c-sign"><SignBadge status={row.sign} /></span>
      <span className="c-answer"><AnswerBadge status={row.responseStatus} /></span>
      <span className="c-retry" title={row.resend ? "this app's own re-send, not the vendor's" : undefined}>{row.resend ? 're-send' : attempts > 1 ? `${row.attempt}/${attempts}` : '—'}</span>
    </a>
  );
});

export function InboxHeader() {
  return (
    <div className="inbox-row inbox-header" role="row">
      <span className="c-time">received</span>
      <span className="c-endpoint">endpoint</span>
      <span className="c-path">request</span>
      <span className="c-kind">kind</span>
      <span className="c-task">TaskName</span>
      <span className="c-calls">calls</span>
      <span className="c-status">status</span>
      <span className="c-problems">problems</span>
      <span className="c-sign">Sign</span>
      <span className="c-answer">answer</span>
      <span className="c-retry">retry</span>
    </div>
  );
}
