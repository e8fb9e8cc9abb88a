// One core per data directory: the lock is SQLite's exclusive lock on a file beside the store, so the
// operating system decides, not a process id (e2e: cli-serve takes over after a kill -9).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirBusyError, LOCK_FILE, RUNNING_FILE, lockDataDir, runningInfo } from '../../main/core/data-dir-lock.js';
import { tempDir } from './support/core.js';

const dirs: Array<{ remove: () => void }> = [];
const dir = () => {
  const d = tempDir('ci-lock-');
  dirs.push(d);
  return d.path;
};
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('the data directory lock', () => {
  it('refuses a second holder, in this process too, naming the first; free again once released', () => {
    const d = dir();
    const first = lockDataDir(d);
    first.announce({ receiverUrl: 'http://127.0.0.1:8787/' });
    let refusal: unknown;
    try {
      lockDataDir(d);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataDirBusyError);
    expect((refusal as DataDirBusyError).pid).toBe(process.pid);
    expect(runningInfo(d)).toEqual({ pid: process.pid, receiverUrl: 'http://127.0.0.1:8787/' });
    first.release();
    expect(runningInfo(d)).toBeNull();
    lockDataDir(d).release();
  });

  it('trusts no file left behind: an empty lock file and a running process id in a stale note do not hold it', () => {
    const d = dir();
    writeFileSync(join(d, LOCK_FILE), '');
    // pid 1 is always running: a note naming it would lock users out if it were trusted.
    writeFileSync(join(d, RUNNING_FILE), JSON.stringify({ pid: 1 }));
    const lock = lockDataDir(d);
    expect(runningInfo(d)?.pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock file that is not one (an earlier version wrote a pid in it)', () => {
    const d = dir();
    writeFileSync(join(d, LOCK_FILE), '12345');
    lockDataDir(d).release();
  });

  it('keeps the lock, and gives it back, when its note cannot be written', () => {
    const d = dir();
    mkdirSync(join(d, RUNNING_FILE)); // a folder where the note goes: writing it fails
    const lock = lockDataDir(d);
    lock.announce({ receiverUrl: 'http://127.0.0.1:8787/' });
    expect(() => lockDataDir(d)).toThrow(DataDirBusyError);
    lock.release();
    lockDataDir(d).release();
  });
});
