// Which of two states of a job to show: progress events and the answer that started the job can
// arrive in either order, so states are ranked by how far they got, not by arrival.
import type { JobInfo } from '../../../shared/model.js';

/** The state that got further; `b` on a tie (it arrived later). */
export function furthest(a: JobInfo | undefined, b: JobInfo): JobInfo {
  if (!a) return b;
  const rank = (j: JobInfo) => [j.state === 'running' ? 0 : 1, j.completed, j.attempts] as const;
  const [x, y] = [rank(a), rank(b)];
  for (let i = 0; i < x.length; i++) if (x[i]! !== y[i]!) return x[i]! > y[i]! ? a : b;
  return b;
}
