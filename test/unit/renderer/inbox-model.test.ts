import { describe, expect, it } from 'vitest';
import type { DeliverySummary } from '../../../shared/model.js';
import { matchesSummary, mergeHead, mergeRows, needsServerMatch, retryTotals } from '../../../renderer/src/inbox/inbox-model.js';

const row = (id: number, receivedAt: number, extra: Partial<DeliverySummary> = {}): DeliverySummary => ({
  id,
  receivedAt,
  endpoint: 'default',
  method: 'POST',
  path: '/',
  size: 1,
  truncated: false,
  kind: 'call-end',
  shape: null,
  taskId: null,
  taskName: null,
  callCount: 0,
  callee: null,
  callId: null,
  statusSummary: {},
  errorCount: 0,
  warningCount: 0,
  noteCount: 0,
  sign: 'not-checked',
  responseStatus: 200,
  retryOf: null,
  attempt: 1,
  sha256: '',
  resend: false,
  ...extra,
});
const ids = (rows: DeliverySummary[]) => rows.map((r) => r.id);

describe('inbox rows', () => {
  it('puts live arrivals first, newest first, whatever order the batch came in', () => {
    const list = [row(2, 200), row(1, 100)];
    expect(ids(mergeRows(list, [row(3, 300), row(4, 400)]))).toEqual([4, 3, 2, 1]);
  });

  it('appends an older page after the rows already loaded, without repeating any row', () => {
    const list = [row(5, 500), row(4, 400)];
    expect(ids(mergeRows(list, [row(4, 400), row(3, 300), row(2, 200)]))).toEqual([5, 4, 3, 2]);
  });

  it('replaces a row that arrives again with its newer data', () => {
    const merged = mergeRows([row(1, 100)], [row(1, 100, { responseStatus: 500 })]);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.responseStatus).toBe(500);
  });

  it('orders rows received in the same millisecond by id, newest first', () => {
    expect(ids(mergeRows([row(1, 100)], [row(2, 100)]))).toEqual([2, 1]);
  });

  it('returns the same list object when nothing arrived, so React skips a render', () => {
    const list = [row(1, 1)];
    expect(mergeRows(list, [])).toBe(list);
  });
});

describe('a refetched first page', () => {
  const shown = [row(3, 300), row(2, 200), row(1, 100)];

  it('is merged when it reaches back to what is shown', () => {
    const head = mergeHead(shown, { items: [row(5, 500), row(4, 400), row(3, 300)], nextCursor: 'c' });
    expect(ids(head.rows)).toEqual([5, 4, 3, 2, 1]);
    expect(head.restartAt).toBeUndefined();
  });

  it('is merged when it holds everything there is, even if it does not reach back', () => {
    expect(ids(mergeHead(shown, { items: [row(5, 500), row(4, 400)], nextCursor: null }).rows)).toEqual([5, 4, 3, 2, 1]);
  });

  it('restarts the list, with its cursor, when more arrived than a page holds', () => {
    const head = mergeHead(shown, { items: [row(9, 900), row(8, 800)], nextCursor: 'below-8' });
    expect(ids(head.rows)).toEqual([9, 8]);
    expect(head.restartAt).toBe('below-8');
  });

  it('sees the hole even when live arrivals came in while the page was on its way', () => {
    // Shown when asked: 3, 2, 1. Since then 10 was announced live; the page holds 9 and 8 of many more.
    const head = mergeHead([row(10, 1000), ...shown], { items: [row(9, 900), row(8, 800)], nextCursor: 'below-8' }, shown[0]);
    expect(head.restartAt).toBe('below-8');
  });

  it('fills an empty list', () => {
    expect(ids(mergeHead([], { items: [row(2, 200), row(1, 100)], nextCursor: 'c' }).rows)).toEqual([2, 1]);
  });
});

describe('matching live arrivals against the filter', () => {
  it('matches summary fields locally', () => {
    const d = row(1, 1000, { endpoint: 'qa', kind: 'json', sign: 'mismatch', warningCount: 1 });
    expect(matchesSummary({}, d)).toBe(true);
    expect(matchesSummary({ endpoint: 'qa', kind: 'json', sign: 'mismatch', hasProblems: 'warnings' }, d)).toBe(true);
    expect(matchesSummary({ endpoint: 'default' }, d)).toBe(false);
    expect(matchesSummary({ hasProblems: 'errors' }, d)).toBe(false);
    expect(matchesSummary({ hasProblems: 'none' }, d)).toBe(false);
    expect(matchesSummary({ from: 1000, to: 1001 }, d)).toBe(true);
    expect(matchesSummary({ to: 1000 }, d)).toBe(false);
  });

  it('counts notes only for has:notes: a delivery with only notes has no problems to chase', () => {
    const d = row(1, 1000, { noteCount: 2 });
    expect(matchesSummary({ hasProblems: 'notes' }, d)).toBe(true);
    expect(matchesSummary({ hasProblems: 'none' }, d)).toBe(true);
    expect(matchesSummary({ hasProblems: 'warnings' }, d)).toBe(false);
    expect(matchesSummary({ hasProblems: 'notes' }, row(2, 1000))).toBe(false);
  });

  it("matches the other columns' fields locally too: TaskName, method, path, answer, calls, retry, re-send", () => {
    const d = row(2, 1000, {
      taskName: 'Task-7',
      method: 'POST',
      path: '/hooks/qa/',
      responseStatus: null,
      callCount: 3,
      retryOf: 1,
      attempt: 2,
    });
    expect(
      matchesSummary(
        { taskName: 'Task-7', method: 'POST', path: '/hooks/qa/', answer: 'none', callCount: 3, retry: true, resend: false },
        d,
      ),
    ).toBe(true);
    expect(matchesSummary({ taskName: 'Task-70' }, d)).toBe(false);
    expect(matchesSummary({ method: 'GET' }, d)).toBe(false);
    expect(matchesSummary({ path: '/' }, d)).toBe(false);
    expect(matchesSummary({ answer: 200 }, d)).toBe(false);
    expect(matchesSummary({ answer: 200 }, row(3, 1000))).toBe(true);
    expect(matchesSummary({ callCount: 0 }, d)).toBe(false);
    expect(matchesSummary({ retry: false }, d)).toBe(false);
    expect(matchesSummary({ resend: true }, d)).toBe(false);
    expect(needsServerMatch({ taskName: 'Task-7', answer: 'none', retry: true })).toBe(false);
  });

  it('leaves text and call fields to the server', () => {
    expect(needsServerMatch({ endpoint: 'x', hasProblems: 'errors' })).toBe(false);
    for (const f of [{ text: 'a' }, { callId: 'a' }, { callee: '+62' }, { taskId: 't' }, { status: 's' }, { intention: 'A' }]) {
      expect(needsServerMatch(f)).toBe(true);
    }
    expect(needsServerMatch({ text: '' })).toBe(false);
  });
});

describe('retry column', () => {
  it('counts the attempts seen per retry group for k/n', () => {
    const totals = retryTotals([row(3, 3, { retryOf: 1, attempt: 3 }), row(2, 2, { retryOf: 1, attempt: 2 }), row(1, 1), row(9, 0)]);
    expect(totals.get(1)).toBe(3);
    expect(totals.get(9)).toBe(1);
  });
});
