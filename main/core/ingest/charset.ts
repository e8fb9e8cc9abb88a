// Turns body bytes into text: BOM sniffing, the declared charset, and invalid bytes shown as U+FFFD
// with the offset of the first bad one (the raw bytes are stored separately, nothing is lost).
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import type { Problem } from '../../../shared/model.js';

export interface DecodedText {
  /** Null when the bytes look binary (a NUL byte early on): showing them as text would mislead. */
  text: string | null;
  /** The WHATWG name of the encoding used (`utf-8`, `utf-16le`, `gbk`, `windows-1252`...). */
  charset: string | null;
  problems: Problem[];
}

/** Bytes inspected for NUL when deciding a body is binary (git's heuristic uses the same window). */
const BINARY_SNIFF_BYTES = 8000;

export function bytesToText(bytes: Uint8Array, declared: string | null): DecodedText {
  const problems: Problem[] = [];
  const warn = (code: string, message: string): void => void problems.push({ path: '$', severity: 'warning', code, message });

  let decoder = utf8();
  if (declared !== null) {
    try {
      decoder = new TextDecoder(declared);
    } catch {
      warn('unknown-charset', `Content-Type declares charset="${declared}", which is not a supported encoding; decoded as utf-8`);
    }
  }
  const bom = sniffBom(bytes);
  if (bom !== null) {
    if (declared !== null && decoder.encoding !== bom)
      warn(
        'charset-conflict',
        `Content-Type declares charset="${declared}" but the body starts with a ${bom} byte order mark; the BOM wins`,
      );
    decoder = new TextDecoder(bom);
    if (bom === 'utf-8')
      warn('utf8-bom', 'Body starts with a UTF-8 byte order mark, which JSON forbids (RFC 8259 §8.1); it was stripped before parsing');
    else warn('not-utf8', `Body is ${bom} (byte order mark); JSON between systems must be UTF-8 (RFC 8259 §8.1)`);
  } else if (decoder.encoding !== 'utf-8') {
    warn(
      'not-utf8',
      `Content-Type declares charset="${declared}"; JSON between systems must be UTF-8 (RFC 8259 §8.1); decoded as ${decoder.encoding}`,
    );
  }

  if (!decoder.encoding.startsWith('utf-16')) {
    const nul = bytes.subarray(0, BINARY_SNIFF_BYTES).indexOf(0);
    if (nul >= 0) {
      warn('binary-body', `Body looks binary (NUL byte at offset ${nul}); it is not decoded as text`);
      return { text: null, charset: null, problems };
    }
  }

  // The TextDecoder strips a BOM of its own encoding, so offsets below are into the bytes as stored.
  const text = decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
  if (decoder.encoding === 'utf-8') {
    if (!isUtf8(bytes)) {
      const at = firstInvalidUtf8(bytes);
      warn('invalid-utf8', `Invalid UTF-8 at byte offset ${at}; invalid sequences are shown as U+FFFD`);
    }
  } else if (text.includes('\uFFFD') && !decodesCleanly(decoder.encoding, bytes)) {
    warn('invalid-text', `Bytes that are not valid ${decoder.encoding} are shown as U+FFFD`);
  }
  return { text, charset: decoder.encoding, problems };
}

/**
 * Whether bytesToText(bytes, declared) gives these bytes read as UTF-8 and nothing else: UTF-8
 * declared (or nothing, or a charset unknown, which is read as UTF-8), no byte order mark, not binary,
 * valid UTF-8. Then the text is known without decoding it (the body reader sends such a body once).
 */
export function isPlainUtf8(bytes: Uint8Array, declared: string | null): boolean {
  if (declared !== null && encodingOf(declared) !== 'utf-8') return false;
  return sniffBom(bytes) === null && bytes.subarray(0, BINARY_SNIFF_BYTES).indexOf(0) < 0 && isUtf8(bytes);
}

function encodingOf(label: string): string {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return 'utf-8';
  }
}

// Node 20's TextDecoder decodes windows-1252 (and `latin1`, its WHATWG alias) as ISO-8859-1, so
// 0x80-0x9F come out as C1 controls instead of € “ ” …; the WHATWG table for those 32 bytes fixes it.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const CP1252_BROKEN = new TextDecoder('windows-1252').decode(Uint8Array.of(0x80)) !== '€';

function decodeWindows1252(bytes: Uint8Array): string {
  const text = new TextDecoder('windows-1252').decode(bytes);
  return CP1252_BROKEN ? text.replace(/[\u0080-\u009f]/g, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80] as string) : text;
}

function utf8(): TextDecoder {
  return new TextDecoder('utf-8');
}

function sniffBom(b: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return null;
}

function decodesCleanly(encoding: string, bytes: Uint8Array): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Offset of the first byte that starts an ill-formed UTF-8 sequence (Unicode Table 3-7), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  const cont = (i: number, lo = 0x80, hi = 0xbf): boolean => i < n && (b[i] as number) >= lo && (b[i] as number) <= hi;
  let i = 0;
  while (i < n) {
    const c = b[i] as number;
    if (c < 0x80) i++;
    else if (c >= 0xc2 && c <= 0xdf && cont(i + 1)) i += 2;
    else if (c === 0xe0 && cont(i + 1, 0xa0) && cont(i + 2)) i += 3;
    else if (((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) && cont(i + 1) && cont(i + 2)) i += 3;
    else if (c === 0xed && cont(i + 1, 0x80, 0x9f) && cont(i + 2)) i += 3;
    else if (c === 0xf0 && cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3)) i += 4;
    else if (c >= 0xf1 && c <= 0xf3 && cont(i + 1) && cont(i + 2) && cont(i + 3)) i += 4;
    else if (c === 0xf4 && cont(i + 1, 0x80, 0x8f) && cont(i + 2) && cont(i + 3)) i += 4;
    else return i;
  }
  return -1;
}
