// Shell quoting for "Copy as curl": whatever the string, the shell reads back exactly that string (or,
// for a header line, exactly its bytes), and nothing a terminal would act on or reorder is printed raw.
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shellQuote, shellQuoteHeader } from '../../../main/core/resend/shell-quote.js';

/** The bytes `printf '%s' <quoted>` writes in `shell`. */
const echoBytes = (quoted: string, shell = '/bin/bash') => spawnSync(shell, ['-c', `printf '%s' ${quoted}`]).stdout;
const echo = (quoted: string, shell?: string) => echoBytes(quoted, shell).toString('utf8');

/** C0 and C1 controls but tab and LF, DEL, bidi marks, embeddings, overrides and isolates, line/paragraph separators, BOM. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const HIDDEN = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/;
const hidden = fc.constantFrom(
  '\u009b',
  '\u202e',
  '\u202a',
  '\u2066',
  '\u2069',
  '\u200e',
  '\u200f',
  '\u061c',
  '\r',
  '\x1b',
  '\x7f',
  '\u0085',
  '\u2028',
  '\ufeff',
);
const awkward = fc.constantFrom(
  "'",
  '"',
  '$',
  '`',
  '\\',
  '!',
  '\n',
  '\t',
  ' ',
  '*',
  '?',
  '~',
  '#',
  ';',
  '&',
  '|',
  '(',
  ')',
  '<',
  '>',
  '{',
  '}',
  '[',
  ']',
  'é',
  '你',
  'x',
  '0',
  'a',
);
const text = fc
  .string({ unit: fc.oneof(awkward, hidden, fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' })) })
  .filter((s) => !s.includes('\0'));

describe('shellQuote', () => {
  it('round-trips any string without NUL through bash, expansions, controls and bidi characters included', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(echo(shellQuote(s))).toBe(s);
      }),
      { numRuns: 200 },
    );
  });

  it('prints no control or bidi character raw', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(shellQuote(s)).not.toMatch(HIDDEN);
      }),
      { numRuns: 200 },
    );
  });

  it('stays plain POSIX single quotes when nothing needs escaping, so sh reads it too', () => {
    const plain = fc.string({ unit: awkward });
    fc.assert(
      fc.property(plain, (s) => {
        expect(shellQuote(s)).toMatch(/^'/);
        expect(echo(shellQuote(s), '/bin/sh')).toBe(s);
      }),
      { numRuns: 100 },
    );
  });

  it('writes single quotes as the POSIX close-escape-reopen sequence', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe(`''`);
  });

  it("writes CSI and a right-to-left override as \\xNN escapes of their UTF-8 bytes in $'…'", () => {
    expect(shellQuote("a\u009bb\u202ec'!")).toBe(`$'a\\xc2\\x9bb\\xe2\\x80\\xaec\\'\\x21'`);
  });
});

describe('shellQuoteHeader', () => {
  // Node reads header bytes as latin1: one character a byte.
  const asStored = (bytes: Buffer) => bytes.toString('latin1');

  it('gives back the exact bytes of a UTF-8 header holding CSI and bidi overrides, none printed raw', () => {
    const bytes = Buffer.from('X-Note: caf\u00e9 \u009b31m \u202eevil\u202c', 'utf8');
    const quoted = shellQuoteHeader(asStored(bytes));
    expect(quoted).not.toMatch(HIDDEN);
    expect(echoBytes(quoted).equals(bytes)).toBe(true);
  });

  it('gives back the exact bytes of any header, UTF-8 or not', () => {
    const headerBytes = fc
      .uint8Array({ minLength: 0, maxLength: 40 })
      .map((a) => Buffer.from(a.filter((b) => b !== 0 && b !== 0x0a && b !== 0x0d)));
    fc.assert(
      fc.property(headerBytes, (bytes) => {
        const quoted = shellQuoteHeader(asStored(bytes));
        expect(quoted).not.toMatch(HIDDEN);
        expect(echoBytes(quoted).equals(bytes)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
