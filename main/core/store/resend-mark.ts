// Re-sends this app sends to its own receiver carry a mark, so that the receiver does not take a
// re-send of a stored body for the vendor retrying it (nine "attempts" where the vendor makes six at
// most). Only those carry it: any other target gets the request exactly as it was stored.
// The mark is signed with the data directory's secret (store/resend-secret.ts) over its label and the
// body's hash: a header anyone can type would otherwise take a vendor delivery out of its retry group
// and its callee's chain. A mark copied from a stored re-send fits that body only, where it changes
// nothing a vendor could want.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { sha256Hex } from './hash.js';

export const RESEND_MARK = 'X-Callback-Inspector-Resend';

/** The mark header's value as received (genuine or not), or null when there is none. */
export function resendMarkOf(headers: ReadonlyArray<readonly [string, string]>): string | null {
  const name = RESEND_MARK.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === name)?.[1] ?? null;
}

/** The value to send: `job N item M; <signature>` (the label is the same on each attempt of one item). */
export function signedMark(label: string, body: Uint8Array, secret: Buffer): string {
  return `${label}; ${signature(label, sha256Hex(body), secret)}`;
}

/** The label of a genuine mark (one this data directory signed for this body), else null: the vendor's, or forged. */
export function verifiedMark(value: string, bodySha256: string, secret: Buffer | null): string | null {
  const cut = value.lastIndexOf('; ');
  if (secret === null || cut < 0) return null;
  const label = value.slice(0, cut);
  const given = Buffer.from(value.slice(cut + 2));
  const expected = Buffer.from(signature(label, bodySha256, secret));
  return given.length === expected.length && timingSafeEqual(given, expected) ? label : null;
}

function signature(label: string, bodySha256: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(`${label}\n${bodySha256}`).digest('base64url');
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
