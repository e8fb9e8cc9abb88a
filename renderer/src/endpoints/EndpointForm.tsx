// Create or edit an endpoint: how it answers (status, body, delay, hang, fail-first-N, failure rate),
// its KEY and Sign scheme (SignFieldset). Checked with the contract's own schema before it is sent.
import { useState } from 'react';
import { endpointConfig } from '../../../shared/api.js';
import type { EndpointConfig } from '../../../shared/model.js';
import { useApi } from '../api/context.js';
import { withCurrentName } from '../../../shared/sign-schemes/hmac.js';
import { ForwardFieldset } from './ForwardFieldset.js';
import { SignFieldset } from './SignFieldset.js';

export function newEndpoint(): EndpointConfig {
  return { ...endpointConfig.parse({ name: 'new' }), name: '' };
}

interface Props {
  initial: EndpointConfig;
  /** Existing endpoints keep their name: renaming would orphan their deliveries. */
  isNew: boolean;
  onSaved(config: EndpointConfig): void;
  onCancel(): void;
}

export function EndpointForm({ initial, isNew, onSaved, onCancel }: Props) {
  const api = useApi();
  // A config stored under the legacy name hmac-sha256 is edited (and saved) as the hmac it means.
  const [draft, setDraft] = useState<EndpointConfig>(() => ({ ...initial, sign: withCurrentName(initial.sign) }));
  const [issues, setIssues] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const setResponse = (patch: Partial<EndpointConfig['response']>) => setDraft({ ...draft, response: { ...draft.response, ...patch } });
  const num = (v: string) => (v === '' ? NaN : Number(v));
  const r = draft.response;

  const save = async () => {
    const candidate = { ...draft, publicUrl: draft.publicUrl || undefined };
    const checked = endpointConfig.safeParse(candidate);
    if (!checked.success) {
      setIssues(checked.error.issues.map((i) => `${i.path.join('.') || 'endpoint'}: ${i.message}`));
      return;
    }
    setSaving(true);
    try {
      onSaved(await api.putEndpoint(checked.data));
    } catch (error) {
      setIssues([error instanceof Error ? error.message : String(error)]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="endpoint-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset>
        <legend>Endpoint</legend>
        <label>
          name{' '}
          <input
            value={draft.name}
            disabled={!isNew}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            placeholder="e.g. qa-task-7"
          />
        </label>
        <label>
          public URL{' '}
          <input
            value={draft.publicUrl ?? ''}
            onChange={(e) => setDraft({ ...draft, publicUrl: e.target.value })}
            placeholder="https://….ngrok.app/hooks/name/ (optional)"
            size={40}
          />
        </label>
      </fieldset>
      <fieldset>
        <legend>Answer</legend>
        <label>
          status <input type="number" value={r.status} onChange={(e) => setResponse({ status: num(e.target.value) })} />
        </label>
        <label>
          content type <input value={r.contentType} onChange={(e) => setResponse({ contentType: e.target.value })} />
        </label>
        <label className="grow">
          body <textarea rows={2} value={r.body} onChange={(e) => setResponse({ body: e.target.value })} />
        </label>
        <label>
          delay ms <input type="number" value={r.delayMs} onChange={(e) => setResponse({ delayMs: num(e.target.value) })} />
        </label>
        <label>
          <input type="checkbox" checked={r.hang} onChange={(e) => setResponse({ hang: e.target.checked })} /> hang (never answer)
        </label>
        <label>
          fail first N of each body{' '}
          <input type="number" value={r.failFirst} onChange={(e) => setResponse({ failFirst: num(e.target.value) })} />
        </label>
        <label>
          failure status <input type="number" value={r.failStatus} onChange={(e) => setResponse({ failStatus: num(e.target.value) })} />
        </label>
        <label>
          failure rate (0–1){' '}
          <input type="number" step="0.05" value={r.failureRate} onChange={(e) => setResponse({ failureRate: num(e.target.value) })} />
        </label>
      </fieldset>
      <ForwardFieldset value={draft.forward} onChange={(forward) => setDraft(forward ? { ...draft, forward } : withoutForward(draft))} />
      <SignFieldset
        keyText={draft.key}
        scheme={draft.sign}
        onKey={(key) => setDraft({ ...draft, key })}
        onScheme={(sign) => setDraft({ ...draft, sign })}
      />
      {issues.length > 0 && (
        <ul className="error-bar issues">
          {issues.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'saving…' : 'save'}
        </button>
        <button type="button" onClick={onCancel}>
          cancel
        </button>
      </div>
    </form>
  );
}

function withoutForward(config: EndpointConfig): EndpointConfig {
  const { forward: _forward, ...rest } = config;
  return rest;
}
