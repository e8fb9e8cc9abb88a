// A one-line "send this somewhere" form that starts a job and follows it: the target URL (remembered
// for the session), the caller's own fields, Send/Cancel, and the job's live status.
import { useState, type ReactNode } from 'react';
import type { JobInfo } from '../../../shared/model.js';
import { JobStatus } from './JobStatus.js';
import { SendButtons } from './SendButtons.js';
import { useTrackedJob } from './use-job.js';
import { lastTarget, rememberTarget } from './last-target.js';

export function SendJobForm({ label, children, start }: { label: string; children?: ReactNode; start: (to: string) => Promise<JobInfo> }) {
  const [to, setTo] = useState(() => lastTarget());
  const [job, setJob] = useTrackedJob();
  const [error, setError] = useState<string | null>(null);
  const send = async () => {
    setError(null);
    rememberTarget(to.trim());
    try {
      setJob(await start(to.trim()));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
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
      <SendButtons job={job} setJob={setJob} />
      {job && <JobStatus job={job} />}
      {error && (
        <span className="invalid-note" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
