// The "Re-send" panel of a delivery: target URL, method, headers, signing (keep or re-sign with a
// KEY and scheme), the vendor retry policy, and the body in an editor with lossless JSON checking.
// The job runs in the core; its progress arrives as events and its attempts in the attempt log.
import { useRef, useState } from 'react';
import type { JobInfo, ResendDraft, CurlCommand } from '../../../shared/model.js';
import { useApi, useAsync } from '../api/context.js';
import { BodyEditor, type EditorText } from './BodyEditor.js';
import { CurlBox } from './CurlBox.js';
import { SendButtons } from './SendButtons.js';
import { RetryCountdown } from './RetryCountdown.js';
import { useTrackedJob } from './use-job.js';
import { formFromDraft, toCurlInput, toResendInput, warningSummary, type ResendForm } from './resend-form.js';
import { useJsonCheck } from './use-json-check.js';
import { RetryPolicyFields } from './RetryPolicyFields.js';
import { SignChoiceFields } from './SignChoiceFields.js';
import type { Problem } from '../../../shared/model.js';
import { lastTarget, rememberTarget } from './last-target.js';

export function ResendPanel({ deliveryId, isJson }: { deliveryId: number; isJson: boolean }) {
  const api = useApi();
  const loaded = useAsync(() => api.resendDraft({ deliveryId }), [api, deliveryId]);
  if (loaded.status === 'loading') return <div className="pending">Preparing the re-send…</div>;
  if (loaded.status === 'error') return <div className="error-bar">Could not prepare the re-send: {loaded.error.message}</div>;
  if (!loaded.value) return <div className="error-bar">Delivery {deliveryId} is gone.</div>;
  return <ResendFormView draft={loaded.value} isJson={isJson} />;
}

function ResendFormView({ draft, isJson }: { draft: ResendDraft; isJson: boolean }) {
  const api = useApi();
  const [form, setForm] = useState<ResendForm>(() => formFromDraft(draft, lastTarget()));
  const [resetKey, setResetKey] = useState(0);
  const [errors, setErrors] = useState<string[]>([]);
  const [job, setJob] = useTrackedJob();
  const [curl, setCurl] = useState<CurlCommand | null>(null);
  // Counts the form's changes: a command asked for before the latest one is not shown when it comes.
  const changes = useRef(0);
  const set = (patch: Partial<ResendForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    // A command copied before this change would no longer be what Send sends.
    changes.current++;
    setCurl(null);
  };
  // The editor holds the body; the form reads it when it sends (form.bodyText is the text it started from).
  const body = useRef<EditorText | null>(null);
  const [edited, setEdited] = useState(false);
  const json = useJsonCheck(isJson && form.bodyText !== null);
  const jsonCheck = json.stale ? null : json.check;
  const onText = (text: EditorText) => {
    body.current = text;
    setEdited(text.edited);
    json.changed(text.length, text.read);
    // A command copied before this change would no longer be what Send sends.
    changes.current++;
    setCurl(null);
  };
  const asTyped = (): ResendForm => ({ ...form, bodyText: body.current && form.bodyText !== null ? body.current.read() : form.bodyText });

  const submit = async () => {
    const built = toResendInput(draft.deliveryId, asTyped());
    if (!built.ok) return setErrors(built.errors);
    setErrors([]);
    rememberTarget(form.to.trim());
    try {
      setJob(await api.resend(built.input));
    } catch (error) {
      setErrors([error instanceof Error ? error.message : String(error)]);
    }
  };
  const copyCurl = async () => {
    const built = toCurlInput(draft.deliveryId, asTyped());
    if (!built.ok) return setErrors(built.errors);
    setErrors([]);
    const asked = changes.current;
    try {
      const command = await api.copyAsCurl(built.input);
      if (asked !== changes.current) return;
      if (command) setCurl(command);
      else setErrors([`delivery #${draft.deliveryId} is gone (removed by retention?)`]);
    } catch (error) {
      setErrors([error instanceof Error ? error.message : String(error)]);
    }
  };
  return (
    <form
      className="resend-panel"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="resend-row">
        <input className="method" value={form.method} onChange={(e) => set({ method: e.target.value })} aria-label="method" size={6} />
        <input
          className="target"
          value={form.to}
          onChange={(e) => set({ to: e.target.value })}
          placeholder="http://127.0.0.1:3000/callback"
          aria-label="target URL"
        />
        <SendButtons job={job} setJob={setJob} />
        <button type="button" onClick={() => void copyCurl()}>
          Copy as curl
        </button>
      </div>
      {curl && <CurlBox curl={curl} onClose={() => setCurl(null)} />}
      {job && <JobLine job={job} />}
      {errors.length > 0 && (
        <ul className="invalid-note" role="alert">
          {errors.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
      <div className="resend-options">
        <SignChoiceFields form={form} set={set} />
        <RetryPolicyFields form={form} set={set}>
          <label>
            timeout <input type="number" min={1} value={form.timeoutMs} onChange={(e) => set({ timeoutMs: e.target.value })} size={6} /> ms
          </label>
        </RetryPolicyFields>
        <label className="headers">
          headers (one "Name: value" per line; Host and Content-Length are set when sending)
          <textarea
            rows={4}
            value={form.headersText}
            onChange={(e) => set({ headersText: e.target.value })}
            aria-label="headers"
            spellCheck={false}
          />
        </label>
      </div>
      <div className="resend-body-head">
        <b>Body</b>
        {form.bodyText === null ? (
          <span className="quiet">{form.bodyNote ?? 'binary or undecodable: sent exactly as stored'}</span>
        ) : (
          <>
            {json.stale && <span className="badge muted">checking JSON…</span>}
            {jsonCheck &&
              (jsonCheck.ok ? (
                <span className="badge ok">valid JSON</span>
              ) : (
                <span className="badge bad" title={jsonCheck.error}>
                  not valid JSON: {jsonCheck.error}
                </span>
              ))}
            {jsonCheck?.ok && jsonCheck.warnings && <JsonWarnings warnings={jsonCheck.warnings} />}
            {edited ? (
              <>
                <span className="badge warn">edited</span>
                <button type="button" onClick={() => setResetKey((k) => k + 1)}>
                  revert
                </button>
              </>
            ) : (
              <span className="quiet">{form.formatted ? 'formatted here; sent as stored' : 'as stored'}</span>
            )}
            {edited && form.signMode === 'keep' && <span className="quiet">the stored Sign may no longer match: choose re-sign</span>}
          </>
        )}
        {form.truncated && !edited && (
          <span className="truncated-note" role="note">
            <span className="badge bad">cut on arrival</span> only the first part of this body was stored (it was over the body limit)
            <label>
              <input type="checkbox" checked={form.sendTruncated} onChange={(e) => set({ sendTruncated: e.target.checked })} /> send that
              part anyway
            </label>
          </span>
        )}
      </div>
      {form.bodyText !== null && <BodyEditor initial={form.originalBody ?? ''} json={isJson} resetKey={resetKey} onText={onText} />}
    </form>
  );
}

/** One delivery's re-send: one item, so its outcome is the last attempt's answer. */
function JobLine({ job }: { job: JobInfo }) {
  const running = job.state === 'running';
  const undelivered = !running && job.succeeded === 0;
  const last = Object.keys(job.outcomes)[0];
  return (
    <p className={`job-line ${job.state}${undelivered ? ' undelivered' : ''}`} role="status">
      job {job.id}: <b>{running ? 'sending' : job.state}</b> · {job.attempts} attempt{job.attempts === 1 ? '' : 's'}
      {running && job.attempts > 0 && ' so far'}
      {running && <RetryCountdown at={job.nextAttemptAt} />}
      {!running && (job.succeeded ? ' · delivered (HTTP 200)' : ` · not delivered${last ? ` (last answer: ${last})` : ''}`)}
      {job.error && ` · ${job.error}`}
    </p>
  );
}

/** What ingest warns about in a body it accepts (a duplicate key the vendor sent): sent as typed. */
function JsonWarnings({ warnings }: { warnings: Problem[] }) {
  const { label, title } = warningSummary(warnings);
  return (
    <span className="badge warn json-warnings" title={title}>
      {label}
    </span>
  );
}
