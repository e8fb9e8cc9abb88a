// The body reader's shortcut: a body whose text is its own bytes read as UTF-8 is sent once, without
// decoding it. It must say so only where decodeBody gives exactly that text.
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeBody, isStoredUtf8Text } from '../../../main/core/ingest/decode.js';

const headersWith = (charset: string | null, encoding: string | null): Array<[string, string]> => [
  ['Content-Type', charset === null ? 'application/json' : `application/json; charset=${charset}`],
  ...(encoding === null ? [] : ([['Content-Encoding', encoding]] as Array<[string, string]>)),
];

const bodies = fc.oneof(
  fc.string().map((s) => Buffer.from(s)),
  fc.string({ unit: 'grapheme' }).map((s) => Buffer.from(s)),
  fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
  fc.string().map((s) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s)])),
);

describe('a body whose text is its bytes', () => {
  it('is one decodeBody reads as those bytes in UTF-8, unchanged', () => {
    fc.assert(
      fc.property(
        bodies,
        fc.constantFrom(null, 'utf-8', 'UTF8', 'unicode-1-1-utf-8', 'latin1', 'utf-16le', 'gbk', 'no-such'),
        (body, charset) => {
          const headers = headersWith(charset, null);
          if (!isStoredUtf8Text(body, headers)) return;
          const text = decodeBody(body, headers).text;
          expect(text).not.toBeNull();
          expect(Buffer.from(text!, 'utf8').equals(body)).toBe(true);
        },
      ),
    );
  });

  it('is plain UTF-8 JSON, with UTF-8 or no charset declared', () => {
    const body = Buffer.from('{"TaskName":"é ✓ 😀"}');
    expect(isStoredUtf8Text(body, headersWith(null, null))).toBe(true);
    expect(isStoredUtf8Text(body, headersWith('UTF-8', null))).toBe(true);
    expect(isStoredUtf8Text(body, headersWith(null, 'identity'))).toBe(true);
  });

  it('is not one with a byte order mark, bytes that are not UTF-8, another charset, a NUL, or a Content-Encoding', () => {
    expect(isStoredUtf8Text(Buffer.from('\uFEFF{}'), headersWith(null, null))).toBe(false);
    expect(isStoredUtf8Text(Buffer.from([0x7b, 0xff, 0x7d]), headersWith(null, null))).toBe(false);
    expect(isStoredUtf8Text(Buffer.from('{"a":"café"}'), headersWith('iso-8859-1', null))).toBe(false);
    expect(isStoredUtf8Text(Buffer.from('{"a":"\0"}'), headersWith(null, null))).toBe(false);
    expect(isStoredUtf8Text(gzipSync('{}'), headersWith(null, 'gzip'))).toBe(false);
  });
});
