// What --help promises, as a new user reads it: the values an option accepts, defaults written as they
// are typed, and options that only mean something with another one refused on their own.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../integration/support/core.js';
import { bin } from './support/cli.js';

const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 30_000 });
/** Help text as one line per option: commander wraps descriptions to the terminal's width. */
const help = (command: string) => cli(command, '--help').stdout.replace(/\n\s{10,}/g, ' ');

describe('--help', () => {
  it('generate --scheme lists what it accepts and names its default as it is typed', () => {
    expect(help('generate')).toMatch(/--scheme <scheme> .*\(choices: "md5", "hmac", "standard-webhooks", "none", default: md5\)/);
    for (const scheme of ['md5', 'hmac', 'standard-webhooks', 'none', 'md5-template', 'sw']) {
      expect(cli('generate', '--calls', '1', '--scheme', scheme, '--out', '-').status, scheme).toBe(0);
    }
    const bad = cli('generate', '--calls', '1', '--scheme', 'sha1', '--out', '-');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/argument 'sha1' is invalid\. expected md5/);
  });

  it('serve shows its defaults in one format, sizes as sizes', () => {
    const text = help('serve');
    expect(text).toMatch(/--body-limit <size> .*\(default: 32mb\)/);
    expect(text).toMatch(/--forward-timeout <ms> .*\(default: 10000\)/);
    expect(text).toMatch(/--max-inflight <size> .*503 with Retry-After.*\(default: 256mb\)/);
    expect(text).toMatch(/--max-connections <n> .*\(default: 1024\)/);
    expect(text).toMatch(/--wal-limit <size> .*\(default: 64mb\)/);
    expect(text).not.toMatch(/\(default [^:]/);
  });

  it('serve refuses an in-flight budget smaller than the body limit (exit 2): such a body would be refused forever', () => {
    const dir = tempDir('ci-help-');
    try {
      const r = cli('serve', '--port', '0', '--ui-port', '0', '--data', join(dir.path, 'data'), '--max-inflight', '16mb');
      expect(r.status).toBe(2);
      expect(r.stderr.split('\n')[0]).toMatch(
        /^error: --max-inflight \(16777216 bytes\) must be at least --body-limit \(33554432 bytes\), or 0/,
      );
      expect(r.stdout).not.toMatch(/receiver:/);
    } finally {
      dir.remove();
    }
  });

  it('serve refuses --relay or --forward-timeout without --forward (exit 2) instead of ignoring them', () => {
    const dir = tempDir('ci-help-');
    try {
      for (const [args, message] of [
        [['--relay'], 'error: --relay needs --forward <[endpoint=]url>'],
        [['--forward-timeout', '500'], 'error: --forward-timeout needs --forward <[endpoint=]url>'],
        [['--relay', '--forward-timeout', '500'], 'error: --relay and --forward-timeout need --forward <[endpoint=]url>'],
      ] as const) {
        const r = cli('serve', '--port', '0', '--ui-port', '0', '--data', join(dir.path, 'data'), ...args);
        expect(r.status, args.join(' ')).toBe(2);
        expect(r.stderr.split('\n')[0], args.join(' ')).toBe(message);
        expect(r.stdout).not.toMatch(/receiver:/);
      }
    } finally {
      dir.remove();
    }
  });
});
