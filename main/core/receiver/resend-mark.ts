// Re-sends this app sends to its own receiver carry a mark, so that the receiver does not take a
// re-send of a stored body for the vendor retrying it (nine "attempts" where the vendor makes six at
// most). Only those carry it: any other target gets the request exactly as it was stored.

export const RESEND_MARK = 'X-Callback-Inspector-Resend';

/** The mark of this app's own re-send (`job N item M`: the same on each attempt of one item), or null for the vendor's. */
export function resendMarkOf(headers: ReadonlyArray<readonly [string, string]>): string | null {
  const name = RESEND_MARK.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === name)?.[1] ?? null;
}

/**
 * Whether `target` is this app's receiver: its own address (any loopback name for its port), or the
 * public (tunnel) URL in front of it.
 */
export function isOwnReceiver(target: string, receiverUrl: string, publicUrl: string | null): boolean {
  let t: URL;
  try {
    t = new URL(target);
  } catch {
    return false;
  }
  const own = new URL(receiverUrl);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'];
  if (loopback.includes(t.hostname) && loopback.includes(own.hostname) && t.port === own.port) return true;
  if (t.host === own.host) return true;
  if (!publicUrl) return false;
  try {
    return t.host === new URL(publicUrl).host;
  } catch {
    return false;
  }
}
