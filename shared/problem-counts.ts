// A delivery's problems counted by severity, the ones past a list's limit included: a summary entry
// (`more-problems`) stands for `count` problems, so a body with 13,867 findings counts 13,867, not
// the 1,001 entries kept.
import type { Problem } from './model.js';

export interface ProblemCounts {
  errors: number;
  warnings: number;
  notes: number;
}

export function countProblems(problems: readonly Problem[]): ProblemCounts {
  const counts = { errors: 0, warnings: 0, notes: 0 };
  for (const p of problems) {
    const n = p.count ?? 1;
    if (p.severity === 'error') counts.errors += n;
    else if (p.severity === 'warning') counts.warnings += n;
    else counts.notes += n;
  }
  return counts;
}

/** Entries listed one by one: everything but the summaries of what is past the limit. */
export function listedProblems(problems: readonly Problem[]): number {
  return problems.reduce((n, p) => (p.count === undefined ? n + 1 : n), 0);
}
