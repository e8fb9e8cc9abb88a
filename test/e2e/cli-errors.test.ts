// Trouble with the data directory or the store (issue 16 item 6): one line that names the path and
// the cause, the README's exit code, no stack trace; a usage mistake says where the help is instead
// of printing all of it.
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../main/core/app.js';
import { openStore } from '../../main/core/store/index.js';
import { bin, scratch } from './support/cli.js';

const { data } = scratch('ci-errors-');

/** Runs the CLI, as `user` when given (root ignores file modes, so a read-only store needs another user). */
function cli(args: string[], user?: string) {
  const command = user ? 'su' : process.execPath;
  const argv = user ? [user, '-s', '/bin/sh', '-c', [process.execPath, bin, ...args].map((a) => `'${a}'`).join(' ')] : [bin, ...args];
  return spawnSync(command, argv, { encoding: 'utf8', timeout: 60_000 });
}

function expectOneLine(stderr: string, pattern: RegExp) {
  expect(stderr).toMatch(pattern);
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at |SqliteError|node_modules/);
}

describe('trouble with the data directory or the store', { timeout: 120_000 }, () => {
  it('a --data that is a file: every kind of command names it, exit 1', () => {
    const file = join(data(), 'not-a-dir');
    writeFileSync(file, 'x');
    const line = new RegExp(`^error: ${file} is a file, not a data directory; pass --data <dir>`);
    for (const args of [
      ['send', '1', '--to', 'http://127.0.0.1:9/'],
      ['curl', '1'],
      ['serve', '--port', '0', '--ui-port', '0'],
      ['replay-chain', '--callee', '+1', '--to', 'http://127.0.0.1:9/'],
    ]) {
      const r = cli([...args, '--data', file]);
      expectOneLine(r.stderr, line);
      expect(r.status, args[0]).toBe(1);
    }
  });

  it('a store file that is not a database: the file and what to do, exit 1 (diff: 2)', () => {
    const dir = data();
    writeFileSync(join(dir, DATABASE_FILE), Buffer.alloc(8192, 7));
    const line = new RegExp(`^error: ${join(dir, DATABASE_FILE)}: not a Callback Inspector store \\(the file is not an SQLite database\\)`);
    for (const args of [
      ['send', '1', '--to', 'http://127.0.0.1:9/'],
      ['curl', '1'],
      ['serve', '--port', '0', '--ui-port', '0'],
      ['wait', '--timeout', '1'],
      ['diff', '1', '2'],
    ]) {
      const r = cli([...args, '--data', dir]);
      expectOneLine(r.stderr, line);
      expect(r.status, args[0]).toBe(args[0] === 'diff' ? 2 : 1);
    }
  });

  const root = process.getuid?.() === 0;
  const nobody = root && spawnSync('su', ['nobody', '-s', '/bin/sh', '-c', 'true']).status === 0;
  it.skipIf(process.platform === 'win32' || (root && !nobody))(
    'a store this user may not write: the file and the cause, not "could not start the receiver"',
    () => {
      const dir = data();
      openStore(join(dir, DATABASE_FILE)).close();
      chmodSync(join(dir, DATABASE_FILE), 0o444);
      chmodSync(dir, 0o555);
      try {
        for (const args of [
          ['serve', '--port', '0', '--ui-port', '0'],
          ['send', '1', '--to', 'http://127.0.0.1:9/'],
        ]) {
          const r = cli([...args, '--data', dir], root ? 'nobody' : undefined);
          expectOneLine(r.stderr, new RegExp(`^error: ${join(dir, DATABASE_FILE)}: (cannot open the store|the store is read-only)`));
          expect(r.stderr).not.toMatch(/could not start the receiver/);
          expect(r.status, args[0]).toBe(1);
        }
      } finally {
        chmodSync(dir, 0o755);
      }
    },
  );
});

describe('usage mistakes', () => {
  it('say what is wrong and where the help is, without printing the whole help', () => {
    for (const [args, message, help] of [
      [['send'], /^error: required option '--to <url>' not specified$/m, 'callback-inspector send --help'],
      [['fixtures', 'export'], /^error: required option '--out <folder>' not specified$/m, 'callback-inspector fixtures export --help'],
      [['export', '--bogus'], /^error: unknown option '--bogus'$/m, 'callback-inspector export --help'],
    ] as const) {
      const r = cli([...args]);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(message), `see: ${help}`]);
      expect(r.status).toBe(1);
    }
  });
});
