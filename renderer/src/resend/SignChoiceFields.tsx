// The Sign fieldset of a sending form: keep the stored Sign, or re-sign with a scheme and KEY (and
// the scheme's settings). Used by the single re-send form and the bulk bar.
import type { SignScheme } from '../../../shared/model.js';
import { HmacFields } from '../endpoints/SignFieldset.js';
import { schemeOf, type SignForm } from './send-options.js';

export function SignChoiceFields({
  form,
  set,
  keyPlaceholder,
}: {
  form: SignForm;
  set(patch: Partial<SignForm>): void;
  keyPlaceholder?: string;
}) {
  return (
    <fieldset>
      <legend>Sign</legend>
      <label>
        <input type="radio" checked={form.signMode === 'keep'} onChange={() => set({ signMode: 'keep' })} /> keep as stored
      </label>
      <label>
        <input type="radio" checked={form.signMode === 'resign'} onChange={() => set({ signMode: 'resign' })} /> re-sign
      </label>
      {form.signMode === 'resign' && (
        <>
          <label>
            scheme{' '}
            <select value={form.scheme} onChange={(e) => set({ scheme: e.target.value as SignForm['scheme'] })}>
              <option value="md5-template">md5 template (Sign field)</option>
              <option value="hmac">HMAC header</option>
              <option value="standard-webhooks">Standard Webhooks (webhook-* headers)</option>
              <option value="none">none</option>
            </select>
          </label>
          <label>
            KEY{' '}
            <input
              value={form.key}
              onChange={(e) => set({ key: e.target.value })}
              placeholder={form.scheme === 'standard-webhooks' ? 'whsec_…' : (keyPlaceholder ?? '')}
              aria-label="KEY"
            />
          </label>
          {form.scheme === 'md5-template' && (
            <label>
              template <input value={form.template} placeholder="{TaskID}{KEY}" onChange={(e) => set({ template: e.target.value })} />
            </label>
          )}
          {form.scheme === 'hmac' && <HmacFields scheme={schemeOf(form)} onChange={(p) => set(hmacPatch(p))} />}
          {form.scheme === 'standard-webhooks' && (
            <label title="Off: the original webhook-id (the same message again, as a sender's retry). The timestamp and signature are always new.">
              <input type="checkbox" checked={form.newWebhookId} onChange={(e) => set({ newWebhookId: e.target.checked })} /> new webhook-id
            </label>
          )}
        </>
      )}
    </fieldset>
  );
}

/** HmacFields edits a SignScheme; the form keeps its settings as flat fields. A preset sets them all. */
function hmacPatch(p: Partial<SignScheme>): Partial<SignForm> {
  const full = p.type !== undefined;
  const pick = <K extends keyof SignScheme>(k: K, fallback: NonNullable<SignScheme[K]>) =>
    p[k] !== undefined ? p[k] : full ? fallback : undefined;
  const out: Partial<SignForm> = {};
  if (full) out.scheme = 'hmac';
  const header = pick('header', ''),
    algorithm = pick('algorithm', 'sha256'),
    encoding = pick('encoding', 'hex'),
    prefix = pick('prefix', ''),
    signed = pick('signed', '');
  if (header !== undefined) out.signHeader = header;
  if (algorithm !== undefined) out.algorithm = algorithm;
  if (encoding !== undefined) out.encoding = encoding;
  if (prefix !== undefined) out.prefix = prefix;
  if (signed !== undefined) out.signed = signed;
  return out;
}
