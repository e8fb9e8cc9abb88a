// Undoes Content-Encoding (gzip, deflate, br and chains of them) on a stored body, turning every
// failure (unknown coding, corrupt or truncated data, a decompression bomb) into a problem.
import zlib from 'node:zlib';
import type { Problem } from '../../../shared/model.js';

/** Per decoding step. Sync zlib with a cap: a zip bomb costs a problem record, not the process. */
export const MAX_DECODED_BYTES = 64 * 1024 * 1024;

/**
 * Codings undone per body. Real senders apply one (rarely two); each step may cost up to the per-step
 * cap, so a header listing thousands of codings around nested gzip layers had kept a decoder busy for
 * 11 s from an 80 KB body.
 */
export const MAX_CODINGS = 4;

export interface Decompressed {
  /** The body with every coding removed, or with as many as could be (see `ok`). */
  bytes: Uint8Array;
  /** False when `bytes` are still encoded (unknown coding, corrupt data): they are not text. */
  ok: boolean;
  problems: Problem[];
}

type Inflate = (buf: Uint8Array, opts: zlib.ZlibOptions & zlib.BrotliOptions) => Buffer;

const Z_SYNC = zlib.constants.Z_SYNC_FLUSH;
const BR_FLUSH = zlib.constants.BROTLI_OPERATION_FLUSH;

/** `maxBytes`: the cap per decoding step; a caller on the receiver's thread passes a smaller one. */
export function undoContentEncoding(body: Uint8Array, header: string | null, maxBytes = MAX_DECODED_BYTES): Decompressed {
  const problems: Problem[] = [];
  // Codings are listed in the order they were applied, so they are undone last first.
  const codings = (header ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  let bytes = body;
  if (bytes.length === 0) return { bytes, ok: true, problems };
  if (codings.length > MAX_CODINGS) {
    problems.push({
      path: '$',
      severity: 'error',
      code: 'unsupported-encoding',
      message: `Content-Encoding lists ${codings.length} codings; at most ${MAX_CODINGS} are undone, so the body is kept as received`,
    });
    return { bytes, ok: false, problems };
  }
  for (let i = codings.length - 1; i >= 0; i--) {
    const coding = codings[i] as string;
    const steps = stepsFor(coding, bytes);
    if (steps === null) {
      problems.push({
        path: '$',
        severity: 'error',
        code: 'unsupported-encoding',
        message: `Content-Encoding "${coding}" is not supported (gzip, x-gzip, deflate, br are); the body is kept as received`,
      });
      return { bytes, ok: false, problems };
    }
    const step = runSteps(coding, steps, bytes, i === codings.length - 1, problems, maxBytes);
    if (step === null) return { bytes, ok: false, problems };
    bytes = step;
  }
  return { bytes, ok: true, problems };
}

/** The decoders to try for a coding, first success wins; null when the coding is unknown. */
function stepsFor(coding: string, bytes: Uint8Array): Array<{ run: Inflate; flush: number }> | null {
  if (coding === 'gzip' || coding === 'x-gzip') return [{ run: zlib.gunzipSync, flush: Z_SYNC }];
  if (coding === 'br') return [{ run: zlib.brotliDecompressSync, flush: BR_FLUSH }];
  if (coding === 'deflate') {
    // RFC 9110 says zlib-wrapped, but some servers send raw deflate: try the likelier first.
    const wrapped = { run: zlib.inflateSync, flush: Z_SYNC };
    const raw = { run: zlib.inflateRawSync, flush: Z_SYNC };
    return hasZlibHeader(bytes) ? [wrapped, raw] : [raw, wrapped];
  }
  return null;
}

function hasZlibHeader(b: Uint8Array): boolean {
  const [cmf, flg] = [b[0] ?? 0, b[1] ?? 0];
  return (cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0;
}

function runSteps(
  coding: string,
  steps: Array<{ run: Inflate; flush: number }>,
  input: Uint8Array,
  outermost: boolean,
  problems: Problem[],
  maxBytes: number,
): Uint8Array | null {
  let firstError: NodeJS.ErrnoException | null = null;
  for (const { run } of steps) {
    try {
      return run(input, { maxOutputLength: maxBytes });
    } catch (err) {
      firstError ??= err as NodeJS.ErrnoException;
      if (isTooLarge(err)) break;
    }
  }
  const why = firstError?.message ?? 'unknown error';
  if (isTooLarge(firstError)) {
    problems.push({
      path: '$',
      severity: 'error',
      code: 'decoded-too-large',
      message: `${coding} body expands past ${maxBytes} bytes (a decompression bomb?); not decoded`,
    });
    return null;
  }
  // A proxy that already decompressed but kept the header: the bytes are the JSON itself.
  if (outermost && looksLikePlainJson(input)) {
    problems.push({
      path: '$',
      severity: 'warning',
      code: 'encoding-mismatch',
      message: `Content-Encoding says "${coding}" but the body is not ${coding} data (${why}); it looks like plain JSON and is read as is`,
    });
    return input;
  }
  if (firstError?.code === 'Z_BUF_ERROR') {
    const salvaged = salvage(steps[0]!, input, maxBytes);
    if (salvaged !== null && salvaged.length > 0) {
      problems.push({
        path: '$',
        severity: 'error',
        code: 'decode-failed',
        message: `${coding} data ends early (${why}); the ${salvaged.length} bytes that could be decompressed are shown`,
      });
      return salvaged;
    }
  }
  problems.push({
    path: '$',
    severity: 'error',
    code: 'decode-failed',
    message: `Cannot decode ${coding} body (${why}); the body is kept as received`,
  });
  return null;
}

/** Decompresses what a truncated stream holds, instead of failing at its missing end. */
function salvage(step: { run: Inflate; flush: number }, input: Uint8Array, maxBytes: number): Uint8Array | null {
  try {
    return step.run(input, { maxOutputLength: maxBytes, finishFlush: step.flush });
  } catch {
    return null;
  }
}

function isTooLarge(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'ERR_BUFFER_TOO_LARGE';
}

function looksLikePlainJson(b: Uint8Array): boolean {
  for (const c of b) {
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    return c === 0x7b || c === 0x5b;
  }
  return false;
}
