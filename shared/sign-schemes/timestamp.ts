// Signed timestamps (Standard Webhooks' webhook-timestamp, a Stripe-like t=): parsing, and the
// tolerance check an inspector reports as a warning instead of failing the signature.

/** How far a signed timestamp may be from the arrival before it is reported (Standard Webhooks: 5 min). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Unix seconds, as the header must carry them (digits only). */
export function parseTimestamp(value: string): number | null {
  return /^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : null;
}

/**
 * A warning when the signed timestamp is further than the tolerance from the arrival. An inspector
 * reports it rather than failing the signature: captures and replays are old by nature.
 */
export function timestampWarning(header: string, timestamp: number, arrivedMs: number, toleranceSeconds: number): string | null {
  const skew = Math.round(arrivedMs / 1000) - timestamp;
  if (Math.abs(skew) <= toleranceSeconds) return null;
  const when = skew > 0 ? `${formatSpan(skew)} before it arrived` : `${formatSpan(-skew)} after it arrived`;
  return `${header} ${timestamp} is ${when}, outside the ${toleranceSeconds} s tolerance: a receiver that enforces it would reject this request`;
}

function formatSpan(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}
