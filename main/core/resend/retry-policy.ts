// The vendor's retry policy, simulated: on anything but HTTP 200, wait the interval (after the failed
// attempt ends) and try again, at most maxRetries times. The time scale divides every wait so a test
// runs the 60 s policy in milliseconds.
import type { RetryPolicy } from '../../../shared/api.js';

export const VENDOR_POLICY: RetryPolicy = { intervalMs: 60_000, maxRetries: 5, timeScale: 1 };

/** Resolves after `ms`, or early (false) when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (slept: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(slept);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function scaledInterval(policy: RetryPolicy): number {
  return policy.intervalMs / policy.timeScale;
}

/**
 * Runs `attempt(1)`, then, while it is not delivered and the policy allows, waits and runs the next.
 * Without a policy there is one attempt. Returns the last result (or null if cancelled before any).
 * `onWait` hears each wait start (when the next attempt is due, epoch ms) and end (null).
 */
export async function withRetries<T extends { ok: boolean }>(
  attempt: (n: number) => Promise<T>,
  policy: RetryPolicy | undefined,
  signal: AbortSignal,
  onWait?: (dueAt: number | null) => void,
): Promise<T | null> {
  let last: T | null = null;
  const tries = 1 + (policy?.maxRetries ?? 0);
  for (let n = 1; n <= tries; n++) {
    if (signal.aborted) break;
    last = await attempt(n);
    if (last.ok || n === tries || !policy) break;
    const wait = scaledInterval(policy);
    onWait?.(Date.now() + wait);
    const slept = await sleep(wait, signal);
    onWait?.(null);
    if (!slept) break;
  }
  return last;
}
