// From stored bytes to text: undoes Content-Encoding, then decodes the charset. Never throws; every
// oddity (unknown coding, corrupt gzip, BOM, bad bytes) is a problem next to the best text available.
import type { Problem } from '../../../shared/model.js';
import { undoContentEncoding } from './content-encoding.js';
import { bytesToText, isPlainUtf8 } from './charset.js';
import { charsetParam, headerValue } from '../../../shared/header-values.js';

export interface DecodedBody {
  /** The body after Content-Encoding was undone (still the stored bytes when that failed). */
  bytes: Uint8Array;
  /** Null when there is no trustworthy text: undecodable coding, or binary content. */
  text: string | null;
  charset: string | null;
  /** Header values as received, or null when absent. */
  contentType: string | null;
  contentEncoding: string | null;
  problems: Problem[];
}

/** `maxBytes`: the cap per Content-Encoding step (default MAX_DECODED_BYTES). */
export function decodeBody(body: Uint8Array, headers: Array<[string, string]>, maxBytes?: number): DecodedBody {
  const contentType = headerValue(headers, 'content-type');
  const contentEncoding = headerValue(headers, 'content-encoding');
  const un = undoContentEncoding(body, contentEncoding, maxBytes);
  if (!un.ok) return { bytes: un.bytes, text: null, charset: null, contentType, contentEncoding, problems: un.problems };
  const decoded = bytesToText(un.bytes, charsetParam(contentType));
  return {
    bytes: un.bytes,
    text: decoded.text,
    charset: decoded.charset,
    contentType,
    contentEncoding,
    problems: [...un.problems, ...decoded.problems],
  };
}

/** Whether decodeBody(body, headers).text is the body read as UTF-8, unchanged; known without decoding it. */
export function isStoredUtf8Text(body: Uint8Array, headers: Array<[string, string]>): boolean {
  const un = undoContentEncoding(body, headerValue(headers, 'content-encoding'));
  return un.ok && un.bytes === body && isPlainUtf8(body, charsetParam(headerValue(headers, 'content-type')));
}
