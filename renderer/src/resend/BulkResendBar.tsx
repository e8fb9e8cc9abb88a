// Bulk re-send from the inbox: every delivery matching the current filter (oldest first) to one URL,
// previewed (how many, the first few), kept or re-signed, with the vendor retry policy if wanted,
// bounded concurrency, live progress, a summary of outcomes, the failed items with why, and "re-send
// the failed ones". It says exactly how many it sends (the inbox's count), and sends that many: the
// oldest, so that what arrives after the count was shown is not sent unannounced.
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
import { lastTarget, rememberTarget } from './last-target.js';
import { SendButtons } from './SendButtons.js';

/** Deliveries one bulk re-send takes at most (bulkResend's limit). */
const MAX_BULK = 100_000;

const n = (x: number) => x.toLocaleString('en');

/** `1 delivery`, `1,500 deliveries`, `the oldest 100,000 of 102,000 deliveries`. */
function howMany(count: number): string {
  if (count > MAX_BULK) return `the oldest ${n(MAX_BULK)} of ${n(count)} deliveries`;
  return `${n(count)} ${count === 1 ? 'delivery' : 'deliveries'}`;
}

/**
 * `shown`: how many the inbox shows (`200+ deliveries`), said until the exact count is in; `total`:
 * the inbox's own exact count of the filter's deliveries, kept current as they arrive (use-total.ts),
 * so that the bar shows and sends what the inbox shows without counting again on each arrival;
 * `empty`: nothing matches.
 */
export function BulkResendBar({
  filter,
  shown,
  total: count,
  empty,
}: {
  filter: DeliveryFilter;
  shown: string;
  total: number | null;
  empty: boolean;
}) {
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState(() => lastTarget());
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
    rememberTarget(to.trim());
    if (count === null || count === 0) return;
    // A blank KEY signs each delivery with its own endpoint's KEY: a selection may span endpoints.
    void run(() =>
      api.bulkResend({
        filter,
        to: to.trim(),
        concurrency: Number(concurrency),
        limit: Math.min(count, MAX_BULK),
        sign: signChoiceOf(options, 'endpoint'),
        ...(retry ? { retry } : {}),
      }),
    );
  };

  if (!open) {
    return (
      <div className="bulk-bar">
        <button
          type="button"
          onClick={() => setOpen(true)}
          disabled={empty || count === 0}
          title={empty || count === 0 ? 'Nothing matches the filter' : undefined}
        >
          Re-send {count === null ? shown : howMany(count)}…
        </button>
      </div>
    );
  }
  const running = job?.state === 'running';
  return (
    <form
      className="bulk-bar"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <span>Re-send {count === null ? shown : howMany(count)} matching the filter, oldest first, to</span>
      <input
        className="target"
        value={to}
        onChange={(e) => setTo(e.target.value)}
        placeholder="http://127.0.0.1:3000/callback"
        aria-label="bulk target URL"
      />
      <label>
        at most{' '}
        <input
          type="number"
          min={1}
          max={256}
          value={concurrency}
          onChange={(e) => setConcurrency(e.target.value)}
          aria-label="concurrency"
        />{' '}
        at once
      </label>
      <SendButtons job={job} setJob={setJob} disabled={count === null || count === 0} />
      {job && !running && job.failed > 0 && (
        <button
          type="button"
          onClick={() =>
            void run(() =>
              api.resendFailed({ jobId: job.id, to: to.trim(), concurrency: Number(concurrency), ...(retry ? { retry } : {}) }),
            )
          }
        >
          Re-send the {job.failed} failed (to the URL above)
        </button>
      )}
      <button type="button" onClick={() => setOpen(false)}>
        close
      </button>
      {job && <JobStatus job={job} />}
      {error && (
        <span className="invalid-note" role="alert">
          {error}
        </span>
      )}
      {job && <FailedItems job={job} />}
      <div className="resend-options">
        <SignChoiceFields form={options} set={setOption} keyPlaceholder="empty: each delivery's endpoint KEY" />
        <RetryPolicyFields form={options} set={setOption} />
      </div>
      {!running && <BulkPreview filter={filter} total={count} />}
    </form>
  );
}
