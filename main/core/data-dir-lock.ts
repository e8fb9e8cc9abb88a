// One running core per data directory. Two would each run a receiver, a retry window and retention
// over the same store, and the second user would not know where their deliveries went. Readers
// (export, wait) and import take no lock: they are meant to run beside `serve`. A lock left by a
// process that died (kill -9, a crash) is taken over, as the pid in it is no longer running.
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { processAlive } from './process-alive.js';

export const LOCK_FILE = 'callback-inspector.lock';

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`another Callback Inspector (pid ${pid}) is running on ${dataDir}: stop it, or give this one another data directory`);
  }
}

/** Takes the data directory for this process; the returned function gives it back. */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, LOCK_FILE);
  for (let tries = 0; tries < 3; tries++) {
    try {
      // 'wx': created by us or not at all, so two starting at once cannot both win.
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        if (holder(file) === process.pid) rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = holder(file);
      if (pid !== null && pid !== process.pid && processAlive(pid)) throw new DataDirBusyError(dataDir, pid);
      // Left by a process that is gone (or unreadable): taken over.
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not take ${file}`);
}

function holder(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
