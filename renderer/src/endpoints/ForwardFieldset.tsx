// The forwarding part of the endpoint form: where to forward, tee or relay, relay's timeout, tee's
// retries. Every setting maps to a field of the contract's forwardConfig (docs/FORWARD.md).
import type { ForwardConfig } from '../../../shared/model.js';

const VENDOR_RETRIES = { intervalMs: 60_000, maxRetries: 5, timeScale: 1 };

interface Props {
  value: ForwardConfig | undefined;
  onChange(value: ForwardConfig | undefined): void;
}

export function ForwardFieldset({ value, onChange }: Props) {
  const on = value !== undefined;
  const patch = (p: Partial<ForwardConfig>) => onChange({ ...value!, ...p });
  return (
    <fieldset className="forward-fields">
      <legend>Forward</legend>
      <label>
        <input
          type="checkbox"
          checked={on}
          onChange={(e) =>
            onChange(e.target.checked ? { url: 'http://localhost:3000/', mode: 'tee', paused: false, timeoutMs: 10_000 } : undefined)
          }
        />{' '}
        forward every delivery to my app
      </label>
      {on && (
        <>
          <label>
            to{' '}
            <input
              value={value.url}
              onChange={(e) => patch({ url: e.target.value })}
              placeholder="http://localhost:3000/callback"
              size={36}
            />
          </label>
          <label title="tee: the vendor gets this endpoint's answer at once, your app a copy. relay: the vendor gets your app's answer.">
            mode{' '}
            <select value={value.mode} onChange={(e) => patch({ mode: e.target.value as ForwardConfig['mode'] })}>
              <option value="tee">tee (answer as configured, copy to the app)</option>
              <option value="relay">relay (answer with the app's answer)</option>
            </select>
          </label>
          {value.mode === 'relay' ? (
            <label title="After this, the vendor gets this endpoint's own answer">
              app timeout ms <input type="number" value={value.timeoutMs} onChange={(e) => patch({ timeoutMs: Number(e.target.value) })} />
            </label>
          ) : (
            <label>
              <input
                type="checkbox"
                checked={value.retry !== undefined}
                onChange={(e) => {
                  const { retry: _retry, ...rest } = value;
                  onChange(e.target.checked ? { ...rest, retry: VENDOR_RETRIES } : rest);
                }}
              />{' '}
              retry a failed forward like the vendor (5 × every 60 s)
            </label>
          )}
          <label>
            <input type="checkbox" checked={value.paused} onChange={(e) => patch({ paused: e.target.checked })} /> paused
          </label>
        </>
      )}
    </fieldset>
  );
}
