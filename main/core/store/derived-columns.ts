// What ingest decides about a delivery, as the deliveries columns and the rows of calls, redials and
// search that hold it; computed (and deflated) before the write so the transaction is only SQL.
import type { IngestResult } from '../ingest/types.js';
import { countProblems } from '../../../shared/problem-counts.js';
import { packJson } from './packed-json.js';

/** The deliveries columns that ingest decides. */
export type DerivedColumns = ReturnType<typeof derivedColumns>;

export function derivedColumns(g: IngestResult) {
  const statusSummary: Record<string, number> = {};
  for (const call of g.calls) {
    const s = call.status ?? '(none)';
    statusSummary[s] = (statusSummary[s] ?? 0) + 1;
  }
  // Real totals: a summary of the problems past the list's limit counts all it stands for.
  const counts = countProblems(g.problems);
  return {
    content_type: g.contentType,
    content_encoding: g.contentEncoding,
    charset: g.charset,
    kind: g.kind as string,
    shape: g.shape,
    task_id: g.taskId,
    task_name: g.taskName,
    plan_name: g.planName,
    call_count: g.calls.length,
    status_summary: JSON.stringify(statusSummary),
    error_count: counts.errors,
    warning_count: counts.warnings,
    note_count: counts.notes,
    problems: packJson(g.problems),
    sign_status: g.sign.status as string,
    sign: packJson(g.sign),
  };
}

/** What ingest gives the calls, redials and search tables. */
export type DerivedRows = Pick<IngestResult, 'taskId' | 'calls' | 'searchText'>;

/**
 * A delivery's derived columns, computed (and deflated) before the write so the transaction is only
 * SQL. It crosses threads (derive worker to writer), so it holds only what the write needs: problems
 * and Sign travel packed, inside `columns`.
 */
export interface PreparedDerived {
  id: number;
  columns: DerivedColumns;
  rows: DerivedRows;
}

export function prepareDerived(id: number, g: IngestResult): PreparedDerived {
  return { id, columns: derivedColumns(g), rows: { taskId: g.taskId, calls: g.calls, searchText: g.searchText } };
}

/** What a delivery's derived columns hold until ingest has run. */
export const PENDING: DerivedColumns = {
  content_type: null,
  content_encoding: null,
  charset: null,
  kind: 'pending',
  shape: null,
  task_id: null,
  task_name: null,
  plan_name: null,
  call_count: 0,
  status_summary: '{}',
  error_count: 0,
  warning_count: 0,
  note_count: 0,
  problems: packJson([]),
  sign_status: 'not-checked',
  sign: packJson({ status: 'not-checked', scheme: 'none', reason: 'not yet checked' }),
};
