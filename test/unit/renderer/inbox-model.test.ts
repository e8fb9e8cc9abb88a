import { describe, expect, it } from 'vitest';
import type { DeliverySummary } from '../../../shared/model.js';
import { matchesSummary, needsServerMatch, retryTotals } from '../../../renderer/src/inbox/inbox-model.js';

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
