// The text of a stored body as getRawBody answers it: its UTF-8 read back, exactly the text the body
// reader decoded (a leading U+FEFF in that text stays: the reader already took the byte order mark off).
import type { RawBody } from './api-schemas.js';

/** The text's UTF-8, without decoding it (null: the body is not text). */
export function rawBodyUtf8(body: RawBody): Uint8Array | null {
  return body.textUtf8 === 'bytes' ? body.bytes : body.textUtf8;
}

export function rawBodyText(body: RawBody): string | null {
  const utf8 = rawBodyUtf8(body);
  return utf8 === null ? null : utf8Text(utf8);
}

/** The text of rawBodyUtf8, or of a stretch of it (`stream`: a character cut at its end is left out). */
export function utf8Text(utf8: Uint8Array, stream = false): string {
  return utf8Decoder().decode(utf8, { stream });
}

/** What of TextDecoder a reader in stretches uses (the type is the DOM's or Node's, depending on the side). */
export interface Utf8Decoder {
  decode(input: Uint8Array, options?: { stream?: boolean }): string;
}

/** A decoder for rawBodyUtf8, for one read in stretches. */
export function utf8Decoder(): Utf8Decoder {
  return new TextDecoder('utf-8', { ignoreBOM: true });
}
