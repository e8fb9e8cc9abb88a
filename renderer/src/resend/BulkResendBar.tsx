// Bulk re-send from the inbox: every delivery matching the current filter (oldest first) to one URL,
// previewed (how many, the first few), kept or re-signed, with the vendor retry policy if wanted,
// bounded concurrency, live progress, a summary of outcomes, the failed items with why, and "re-send
// the failed ones".
import { useState } from 'react';
import type { DeliveryFilter } from '../../../shared/api.js';
import type { JobInfo } from '../../../shared/model.js';
import { useApi } from '../api/context.js';
import { BulkPreview } from './BulkPreview.js';
import { FailedItems } from './FailedItems.js';
import { JobStatus } from './JobStatus.js';
import { RetryPolicyFields } from './RetryPolicyFields.js';
import { DEFAULT_RETRY_FORM, DEFAULT_SIGN_FORM, retryPolicyOf, signChoiceOf, type RetryForm, type SignForm } from './send-options.js';
import { SignChoiceFields } from './SignChoiceFields.js';
import { useTrackedJob } from './use-job.js';

const LAST_TARGET = 'callback-inspector.resend.to';

/** `count` says how many the inbox shows (`200+ deliveries`); `empty`: nothing matches, nothing to send. */
export function BulkResendBar({ filter, count, empty }: { filter: DeliveryFilter; count: string; empty: boolean }) {
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState(() => sessionStorage.getItem(LAST_TARGET) ?? '');
  const [concurrency, setConcurrency] = useState('8');
  const [options, setOptions] = useState<SignForm & RetryForm>({ ...DEFAULT_SIGN_FORM, ...DEFAULT_RETRY_FORM });
  const setOption = (patch: Partial<SignForm & RetryForm>) => setOptions((o) => ({ ...o, ...patch }));
  const retry = retryPolicyOf(options);
  const [job, setJob] = useTrackedJob();
  const [error, setError] = useState<string | null>(null);
  const run = async (start: () => Promise<JobInfo>) => {
    setError(null);
    try {
      setJob(await start());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const send = () => {
    sessionStorage.setItem(LAST_TARGET, to.trim());
    // A blank KEY signs each delivery with its own endpoint's KEY: a selection may span endpoints.
    void run(() => api.bulkResend({ filter, to: to.trim(), concurrency: Number(concurrency), sign: signChoiceOf(options, 'endpoint'), ...(retry ? { retry } : {}) }));
  };

  if (!open) {
    return (
      <div className="bulk-bar">
        <button type="button" onClick={() => setOpen(true)} disabled={empty} title={empty ? 'Nothing matches the filter' : undefined}>Re-send {count}…</button>
      </div>
    );
  }
  const running = job?.state === 'running';
  return (
    <form className="bulk-bar" onSubmit={(e) => { e.preventDefault(); send(); }}>
      <span>Re-send {count} matching the filter, oldest first, to</span>
      <input className="target" value={to} onChange={(e) => setTo(e.target.value)} placeholder="http://127.0.0.1:3000/callback" aria-label="bulk target URL" />
      <label>at most <input type="number" min={1} max={256} value={concurrency} onChange={(e) => setConcurrency(e.target.value)} aria-label="concurrency" /> at once</label>
      <button type="submit" className="primary" disabled={running}>Send</button>
      {running && <button type="button" onClick={() => void api.cancelJob({ jobId: job.id }).then((j) => j && setJob(j))}>Cancel</button>}
      {job && !running && job.failed > 0 && (
        <button type="button" onClick={() => void run(() => api.resendFailed({ jobId: job.id, to: to.trim(), concurrency: Number(concurrency), ...(retry ? { retry } : {}) }))}>Re-send the {job.failed} failed (to the URL above)</button>
      )}
      <button type="button" onClick={() => setOpen(false)}>close</button>
      {job && <JobStatus job={job} />}
      {error && <span className="invalid-note" role="alert">{error}</span>}
      {job && <FailedItems job={job} />}
      <div className="resend-options">
        <SignChoiceFields form={options} set={setOption} keyPlaceholder="empty: each delivery's endpoint KEY" />
        <RetryPolicyFields form={options} set={setOption} />
      </div>
      {!running && <BulkPreview filter={filter} />}
    </form>
  );
}
