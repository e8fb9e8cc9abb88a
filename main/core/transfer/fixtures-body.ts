// A fixture's body both ways: how stored bytes are shown in NAME.json (a JSON value, text, or only
// bytes in NAME.body), and how the exact bytes are rebuilt from a fixture on import.
import { stringify } from 'lossless-json';
import type { Fixture } from '../../../shared/fixture-format.js';
import type { JsonValue } from '../../../shared/contract/json-value.js';
import { undoContentEncoding } from '../ingest/content-encoding.js';
import { charsetParam, headerValue } from '../../../shared/header-values.js';
import { parseJson } from '../../../shared/json/lossless-parse.js';

export interface FixtureBody {
  bodyAs: Fixture['bodyAs'];
  /** The JSON value (numbers as LosslessNumber) or the text; absent for `bytes`. */
  body?: JsonValue | string;
  /** False when the exact bytes must go to NAME.body: `body` written back would differ from them. */
  exact: boolean;
}

// ignoreBOM: a BOM stays in the text, so the text encodes back to the same bytes.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const UTF8_CHARSET = /^(utf-?8|us-ascii|ascii)$/i;

export function describeBody(bytes: Uint8Array, headers: Array<[string, string]>, truncated: boolean): FixtureBody {
  if (truncated) return { bodyAs: 'bytes', exact: false };
  const coding = headerValue(headers, 'content-encoding');
  const encoded = (coding ?? '').split(',').some((c) => !['', 'identity'].includes(c.trim().toLowerCase()));
  const content = encoded ? undoContentEncoding(bytes, coding) : { ok: true, bytes };
  if (!content.ok) return { bodyAs: 'bytes', exact: false };
  const charset = charsetParam(headerValue(headers, 'content-type'));
  if (charset !== null && !UTF8_CHARSET.test(charset)) return { bodyAs: 'bytes', exact: false };
  const text = decodeUtf8(content.bytes);
  if (text === null) return { bodyAs: 'bytes', exact: false };

  const parsed = text.trim() === '' ? null : parseJson(text);
  // Duplicate keys or nesting past the build limit: the value would not be the body; keep the text.
  if (!parsed?.ok || parsed.problems.length > 0) return { bodyAs: 'text', body: text, exact: !encoded };
  // Exact when a plain JSON writer (JSON.stringify, any language's default) gives the same bytes back.
  const exact = !encoded && stringify(parsed.value) === text && plainRoundTrip(text);
  return { bodyAs: 'json', body: parsed.value, exact };
}

/**
 * The exact bytes of a fixture: NAME.body when there is one, else `body` written compactly (JSON,
 * numbers as written) or as UTF-8 (text). An error message when the fixture does not say.
 */
export function bodyBytes(
  f: Pick<Fixture, 'bodyAs' | 'bodyFile'>,
  body: JsonValue | undefined,
  file: Buffer | null,
): { ok: true; bytes: Buffer } | { ok: false; error: string } {
  if (f.bodyFile !== undefined) return file ? { ok: true, bytes: file } : { ok: false, error: `bodyFile ${f.bodyFile} is missing` };
  if (f.bodyAs === 'bytes') return { ok: false, error: 'bodyAs "bytes" needs a bodyFile' };
  if (body === undefined) return { ok: false, error: `bodyAs "${f.bodyAs}" needs a body` };
  if (f.bodyAs === 'text')
    return typeof body === 'string'
      ? { ok: true, bytes: Buffer.from(body, 'utf8') }
      : { ok: false, error: 'bodyAs "text" needs body to be a string' };
  return { ok: true, bytes: Buffer.from(stringify(body) ?? '', 'utf8') };
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

function plainRoundTrip(text: string): boolean {
  try {
    return JSON.stringify(JSON.parse(text)) === text;
  } catch {
    return false;
  }
}
