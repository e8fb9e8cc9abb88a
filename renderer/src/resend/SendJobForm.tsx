// A one-line "send this somewhere" form that starts a job and follows it: the target URL (remembered
// for the session), the caller's own fields, Send/Cancel, and the job's live status.
import { useState, type ReactNode } from 'react';
import type { JobInfo } from '../../../shared/model.js';
import { useApi } from '../api/context.js';
import { JobStatus } from './JobStatus.js';
import { useTrackedJob } from './use-job.js';

const LAST_TARGET = 'callback-inspector.resend.to';

export function SendJobForm({ label, children, start }: { label: string; children?: ReactNode; start: (to: string) => Promise<JobInfo> }) {
  const api = useApi();
  const [to, setTo] = useState(() => sessionStorage.getItem(LAST_TARGET) ?? '');
  const [job, setJob] = useTrackedJob();
  const [error, setError] = useState<string | null>(null);
  const send = async () => {
    setError(null);
    sessionStorage.setItem(LAST_TARGET, to.trim());
    try {
      setJob(await start(to.trim()));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const running = job?.state === 'running';
  return (
    <form
      className="bulk-bar"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <span>{label}</span>
      <input
        className="target"
        value={to}
        onChange={(e) => setTo(e.target.value)}
        placeholder="http://127.0.0.1:3000/callback"
        aria-label={`${label} target URL`}
      />
      {children}
      <button type="submit" className="primary" disabled={running}>
        Send
      </button>
      {running && (
        <button type="button" onClick={() => void api.cancelJob({ jobId: job.id }).then((j) => j && setJob(j))}>
          Cancel
        </button>
      )}
      {job && <JobStatus job={job} />}
      {error && (
        <span className="invalid-note" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
