// The Sign part of the endpoint form: KEY, scheme and the scheme's settings. HmacFields is also
// used by the re-send panel. Every setting maps to a field of the contract's signScheme.
import type { HmacAlgorithm, SignScheme, SignSchemeName } from '../../../shared/model.js';
import { SIGN_SCHEMES } from '../../../shared/sign.js';
import {
  DEFAULT_HMAC_HEADER,
  DEFAULT_HMAC_SIGNED,
  HMAC_ALGORITHMS,
  HMAC_PRESETS,
  parseSigned,
  usesTimestamp,
} from '../../../shared/sign-schemes/hmac.js';
import { secretBase64 } from '../../../shared/sign-schemes/standard-webhooks.js';
import { DEFAULT_TOLERANCE_SECONDS } from '../../../shared/sign-schemes/timestamp.js';

/** The schemes a form offers; `hmac-sha256` is shown as the `hmac` it means (withCurrentName). */
export const OFFERED_SCHEMES: readonly SignSchemeName[] = ['none', 'md5-template', 'hmac', 'standard-webhooks'];

interface Props {
  keyText: string;
  scheme: SignScheme;
  onKey(key: string): void;
  onScheme(scheme: SignScheme): void;
}

/** What an empty KEY means, which differs by scheme (sign-check.ts, effectiveSign). */
function keyPlaceholder(type: SignSchemeName): string {
  if (type === 'standard-webhooks') return 'whsec_…';
  // The vendor signs with its own default KEY when the customer set none.
  if (type === 'md5-template') return "empty: the vendor's default";
  return type === 'none' ? 'not used' : 'empty: Sign not checked';
}

export function SignFieldset({ keyText, scheme, onKey, onScheme }: Props) {
  const patch = (p: Partial<SignScheme>) => onScheme({ ...scheme, ...p });
  const secret = scheme.type === 'standard-webhooks' && keyText ? secretBase64(keyText) : null;
  return (
    <fieldset className="sign-fields">
      <legend>Sign</legend>
      <label>
        KEY{' '}
        <input
          value={keyText}
          onChange={(e) => onKey(e.target.value)}
          placeholder={keyPlaceholder(scheme.type)}
          size={scheme.type === 'standard-webhooks' ? 40 : 24}
        />
      </label>
      <label>
        scheme
        {/* A new type starts from its defaults: settings of one scheme mean nothing to another. */}
        <select value={scheme.type} onChange={(e) => onScheme({ type: e.target.value as SignSchemeName })} aria-label="Sign scheme">
          {OFFERED_SCHEMES.map((t) => (
            <option key={t} value={t}>
              {SIGN_SCHEMES[t].label}
            </option>
          ))}
        </select>
      </label>
      {secret && !secret.ok && (
        <span className="badge bad" role="alert">
          {secret.error}
        </span>
      )}
      {scheme.type === 'md5-template' && (
        <label className="grow">
          template{' '}
          <input
            value={scheme.template ?? ''}
            onChange={(e) => patch({ template: e.target.value })}
            placeholder="{TaskID}{KEY}"
            size={40}
          />
        </label>
      )}
      {scheme.type === 'hmac' && <HmacFields scheme={scheme} onChange={patch} />}
      {(scheme.type === 'standard-webhooks' ||
        (scheme.type === 'hmac' && usesTimestamp(parseSigned(scheme.signed || DEFAULT_HMAC_SIGNED)))) && (
        <label title="A signed timestamp further than this from the arrival is reported as a warning, not a mismatch: replays are old.">
          timestamp tolerance
          <input
            type="number"
            min={0}
            aria-label="timestamp tolerance"
            value={scheme.toleranceSeconds ?? ''}
            placeholder={String(DEFAULT_TOLERANCE_SECONDS)}
            onChange={(e) => patch({ toleranceSeconds: e.target.value === '' ? undefined : Number(e.target.value) })}
          />{' '}
          s
        </label>
      )}
      <p className="quiet sign-note">{SIGN_SCHEMES[scheme.type].description}</p>
    </fieldset>
  );
}

/** Header, hash, encoding, prefix and what is signed, with presets for the common senders. */
export function HmacFields({ scheme, onChange }: { scheme: SignScheme; onChange(patch: Partial<SignScheme>): void }) {
  return (
    <>
      <label>
        preset
        <select
          value=""
          onChange={(e) => {
            const p = HMAC_PRESETS.find((x) => x.name === e.target.value);
            if (p) onChange({ ...p.scheme });
          }}
          aria-label="HMAC preset"
        >
          <option value="">choose…</option>
          {HMAC_PRESETS.map((p) => (
            <option key={p.name} value={p.name} title={p.note}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        header{' '}
        <input
          value={scheme.header ?? ''}
          onChange={(e) => onChange({ header: e.target.value })}
          placeholder={DEFAULT_HMAC_HEADER}
          aria-label="signature header"
        />
      </label>
      <label>
        hash
        <select
          value={scheme.algorithm ?? 'sha256'}
          onChange={(e) => onChange({ algorithm: e.target.value as HmacAlgorithm })}
          aria-label="HMAC hash"
        >
          {HMAC_ALGORITHMS.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <label>
        encoding
        <select
          value={scheme.encoding ?? 'hex'}
          onChange={(e) => onChange({ encoding: e.target.value as 'hex' | 'base64' })}
          aria-label="digest encoding"
        >
          <option value="hex">hex</option>
          <option value="base64">base64</option>
        </select>
      </label>
      <label>
        prefix{' '}
        <input
          value={scheme.prefix ?? ''}
          onChange={(e) => onChange({ prefix: e.target.value })}
          placeholder="e.g. sha256="
          size={8}
          aria-label="signature prefix"
        />
      </label>
      <label className="grow">
        signed{' '}
        <input
          value={scheme.signed ?? ''}
          onChange={(e) => onChange({ signed: e.target.value })}
          placeholder="{body}  ·  {timestamp}.{body}  ·  v0:{header:X-Slack-Request-Timestamp}:{body}"
          aria-label="what is signed"
        />
      </label>
    </>
  );
}
