// Constant-time comparison of signatures: a byte-by-byte early exit would let a sender learn a valid
// signature one byte at a time (the timing attack every webhook spec warns about).
import { timingSafeEqual } from 'node:crypto';

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function sameText(a: string, b: string): boolean {
  return sameBytes(Buffer.from(a), Buffer.from(b));
}

/** A digest written in hex or base64, as bytes; null when it is not that encoding or not `bytes` long. */
export function decodeDigest(written: string, encoding: 'hex' | 'base64', bytes: number): Buffer | null {
  if (encoding === 'hex') return new RegExp(`^[0-9a-f]{${bytes * 2}}$`, 'i').test(written) ? Buffer.from(written, 'hex') : null;
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(written)) return null;
  const got = Buffer.from(written, 'base64');
  return got.length === bytes ? got : null;
}
