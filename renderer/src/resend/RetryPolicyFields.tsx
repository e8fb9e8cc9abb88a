// The vendor retry policy fieldset of a sending form: off, or every N s at most M times, with a time
// scale that divides the waits (for tests and demos). `children` go at its end (the single form's timeout).
import type { ReactNode } from 'react';
import type { RetryForm } from './send-options.js';

export function RetryPolicyFields({
  form,
  set,
  children,
}: {
  form: RetryForm;
  set(patch: Partial<RetryForm>): void;
  children?: ReactNode;
}) {
  return (
    <fieldset>
      <legend>Vendor retry policy</legend>
      <label>
        <input type="checkbox" checked={form.retry} onChange={(e) => set({ retry: e.target.checked })} /> retry anything but HTTP 200
      </label>
      {form.retry && (
        <>
          <label>
            every{' '}
            <input type="number" min={0} value={form.intervalSeconds} onChange={(e) => set({ intervalSeconds: e.target.value })} size={4} />{' '}
            s
          </label>
          <label>
            at most <input type="number" min={0} value={form.maxRetries} onChange={(e) => set({ maxRetries: e.target.value })} size={3} />{' '}
            times
          </label>
          <label>
            time scale ÷<input type="number" min={1} value={form.timeScale} onChange={(e) => set({ timeScale: e.target.value })} size={5} />
          </label>
        </>
      )}
      {children}
    </fieldset>
  );
}
