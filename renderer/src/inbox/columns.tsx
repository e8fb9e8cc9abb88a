// The inbox's columns: what each shows, its header and its width in the row's grid. Every value is
// rendered as text: payload strings (TaskName, paths, numbers) are data.
import type { ReactNode } from 'react';
import type { DeliverySummary } from '../../../shared/model.js';
import { AnswerBadge, KindBadge, ProblemsBadge, SignBadge } from '../common/badges.js';
import { formatCounts, formatLocal } from '../common/format.js';

export interface Column {
  /** Also the cell's class (`c-<id>`) and what a stored choice names. */
  id: string;
  header: string;
  /** Said by the header's tooltip and the column chooser. */
  about?: string;
  /** A grid track: `80px`, `minmax(100px, 1fr)`. */
  width: string;
  cell(row: DeliverySummary, attempts: number): ReactNode;
  title?(row: DeliverySummary, attempts: number): string | undefined;
}

export const COLUMNS: readonly Column[] = [
  { id: 'time', header: 'received', width: '170px', cell: (r) => formatLocal(r.receivedAt) },
  { id: 'endpoint', header: 'endpoint', width: '80px', cell: (r) => r.endpoint },
  {
    id: 'path',
    header: 'request',
    width: 'minmax(140px, 1.2fr)',
    cell: (r) => (
      <>
        <b>{r.method}</b> {r.path}
      </>
    ),
    title: (r) => `${r.method} ${r.path}`,
  },
  { id: 'kind', header: 'kind', width: '74px', cell: (r) => <KindBadge kind={r.kind} /> },
  { id: 'task', header: 'TaskName', width: 'minmax(100px, 1fr)', cell: (r) => r.taskName ?? '—', title: (r) => r.taskName ?? '' },
  {
    id: 'callee',
    header: 'callee',
    about: "the first call's CalleeNumber (Details[0])",
    width: 'minmax(112px, 0.8fr)',
    cell: (r) => r.callee ?? '—',
    title: (r) => r.callee ?? '',
  },
  {
    id: 'callid',
    header: 'CallID',
    about: "the first call's CallID (Details[0])",
    width: 'minmax(96px, 0.8fr)',
    cell: (r) => r.callId ?? '—',
    title: (r) => r.callId ?? '',
  },
  { id: 'calls', header: 'calls', width: '40px', cell: (r) => r.callCount },
  {
    id: 'status',
    header: 'status',
    width: 'minmax(110px, 1fr)',
    cell: (r) => formatCounts(r.statusSummary) || '—',
    title: (r) => formatCounts(r.statusSummary),
  },
  {
    id: 'problems',
    header: 'problems',
    width: '100px',
    cell: (r) => <ProblemsBadge errors={r.errorCount} warnings={r.warningCount} notes={r.noteCount} />,
  },
  { id: 'sign', header: 'Sign', width: '62px', cell: (r) => <SignBadge status={r.sign} /> },
  { id: 'answer', header: 'answer', width: '52px', cell: (r) => <AnswerBadge status={r.responseStatus} /> },
  {
    id: 'retry',
    header: 'retry',
    width: '44px',
    cell: (r, attempts) => (r.resend ? 're-send' : attempts > 1 ? `${r.attempt}/${attempts}` : '—'),
    title: (r) => (r.resend ? "this app's own re-send, not the vendor's" : undefined),
  },
];
