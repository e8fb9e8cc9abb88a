// Shell quoting for "Copy as curl": whatever the string, sh reads back exactly that string.
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shellQuote } from '../../../main/core/resend/curl.js';

const echo = (quoted: string) => spawnSync('/bin/sh', ['-c', `printf '%s' ${quoted}`], { encoding: 'utf8' }).stdout;

describe('shellQuote', () => {
  it('round-trips any string without NUL through sh, expansions and all', () => {
    const text = fc.string({ unit: fc.oneof(fc.constantFrom("'", '"', '$', '`', '\\', '!', '\n', '\r', '\t', ' ', '*', '?', '~', '#', ';', '&', '|', '(', ')', '<', '>', '{', '}', 'é', '你'), fc.string({ minLength: 1, maxLength: 1, unit: 'binary' })) }).filter((s) => !s.includes('\0'));
    fc.assert(
      fc.property(text, (s) => {
        expect(echo(shellQuote(s))).toBe(s);
      }),
      { numRuns: 150 },
    );
  });

  it('writes single quotes as the POSIX close-escape-reopen sequence', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe(`''`);
  });
});
