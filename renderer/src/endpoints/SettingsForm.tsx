// Retention (nothing is deleted unless set here) and the public tunnel URL shown to the user.
import { useEffect, useState } from 'react';
import { settingsInput, type Settings } from '../../../shared/api.js';
import { useApi, useAsync } from '../api/context.js';

/** `onSaved`: the public URL shown elsewhere on the screen may have changed. */
export function SettingsForm({ onSaved }: { onSaved?: () => void }) {
  const api = useApi();
  const loaded = useAsync(() => api.getSettings({}), [api]);
  const [draft, setDraft] = useState<Settings | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (loaded.status === 'ready') setDraft(loaded.value);
  }, [loaded]);
  if (loaded.status === 'error') return <div className="error-bar">{loaded.error.message}</div>;
  if (!draft) return <p className="quiet">Loading settings…</p>;

  const save = async () => {
    const checked = settingsInput.safeParse(draft);
    if (!checked.success) {
      setMessage({ ok: false, text: checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      return;
    }
    try {
      setDraft(await api.putSettings(checked.data));
      setMessage({ ok: true, text: 'saved' });
      onSaved?.();
    } catch (e) {
      setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  };
  const int = (v: string) => (v === '' ? 0 : Number(v));
  return (
    <form
      className="endpoint-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset>
        <legend>Retention (0: keep everything)</legend>
        <label>
          keep at most{' '}
          <input
            type="number"
            min={0}
            value={draft.retentionCount}
            onChange={(e) => setDraft({ ...draft, retentionCount: int(e.target.value) })}
          />{' '}
          deliveries
        </label>
        <label>
          keep at most{' '}
          <input
            type="number"
            min={0}
            value={draft.retentionDays}
            onChange={(e) => setDraft({ ...draft, retentionDays: int(e.target.value) })}
          />{' '}
          days
        </label>
      </fieldset>
      <fieldset>
        <legend>Tunnel</legend>
        <label className="grow">
          public URL of the receiver{' '}
          <input
            value={draft.publicUrl}
            onChange={(e) => setDraft({ ...draft, publicUrl: e.target.value })}
            placeholder="https://abc.ngrok.app/"
            size={40}
          />
        </label>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary">
          save settings
        </button>
        {message && <span className={message.ok ? 'ok-note' : 'invalid-note'}>{message.text}</span>}
      </div>
    </form>
  );
}
