// The text of a stored body as getRawBody answers it: its UTF-8 read back, exactly the text the body
// reader decoded (a leading U+FEFF in that text stays: the reader already took the byte order mark off).
import type { RawBody } from './api-schemas.js';

export function rawBodyText(body: RawBody): string | null {
  if (body.textUtf8 === null) return null;
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(body.textUtf8 === 'bytes' ? body.bytes : body.textUtf8);
}
