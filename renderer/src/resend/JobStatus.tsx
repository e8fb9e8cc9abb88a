// How far a send job got: progress, delivered/failed counts, outcomes, the wait for a retry, and its end state.
import type { JobInfo } from '../../../shared/model.js';
import { RetryCountdown } from './RetryCountdown.js';

export function JobStatus({ job }: { job: JobInfo }) {
  return (
    <span className="bulk-progress" role="status" title={job.label}>
      <progress value={job.completed} max={Math.max(1, job.total)} /> {job.completed}/{job.total} · {job.succeeded} delivered · {job.failed}{' '}
      failed
      {Object.keys(job.outcomes).length > 0 &&
        ` (${Object.entries(job.outcomes)
          .map(([k, n]) => `${k}: ${n}`)
          .join(', ')})`}
      {job.state === 'running' ? <RetryCountdown at={job.nextAttemptAt} /> : ` · ${job.state}`}
    </span>
  );
}
