// One running core per data directory. Two would each run a receiver, a retry window and retention
// over the same store, and the second user would not know where their deliveries went. The other CLI
// commands reach the core that holds the directory through its HTTP API (the running note below says
// where), or, when none does, start one without a receiver, which takes this lock for their run.
//
// The lock is SQLite's own exclusive lock on a small file beside the store, held for as long as the
// core runs: the operating system takes it atomically and releases it when the process ends however
// it ends (kill -9, a crash), on Linux, macOS and Windows alike, and a second core in the same
// process is refused too. No process id is trusted for the lock itself; the one written beside it
// only says who holds it.
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const LOCK_FILE = 'callback-inspector.lock';
/** Who holds the lock, and where its receiver listens (for the CLI's re-sends): advisory. */
export const RUNNING_FILE = 'callback-inspector.running.json';
/** Where `serve` keeps the API's bearer token unless given --token (main/hosts/cli/data-dir.ts). */
export const API_TOKEN_FILE = 'api-token';

export interface RunningInfo {
  pid: number;
  /** Known once the receiver listens. */
  receiverUrl?: string;
  /** The HTTP API's base URL (`…/`, operations under `api/`), once it listens; serve only (the desktop app has none). */
  apiUrl?: string;
  /** The file holding the API's bearer token (`<data>/api-token`); absent when serve was given --token. */
  tokenFile?: string;
}

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number | null,
  ) {
    super(
      `another Callback Inspector${pid ? ` (pid ${pid})` : ''} is running on ${dataDir}: stop it, or give this one another data directory`,
    );
  }
}

export interface DataDirLock {
  /** Says where this core's receiver listens, for commands run beside it. */
  announce(info: Omit<RunningInfo, 'pid'>): void;
  release(): void;
}

/**
 * How long to wait for a lock that is being released: Windows frees a crashed process's locks a
 * moment after it ends.
 */
const LOCK_WAIT_MS = 1_000;

/** Takes the data directory for this core until `release`. */
export function lockDataDir(dataDir: string, options: { nativeBinding?: string } = {}): DataDirLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, LOCK_FILE);
  const take = () => {
    const db = new Database(file, { timeout: LOCK_WAIT_MS, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      // Never committed: the exclusive lock lasts until the connection closes.
      db.exec('BEGIN EXCLUSIVE');
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  };
  let db: Database.Database;
  try {
    db = take();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_BUSY') throw new DataDirBusyError(dataDir, runningInfo(dataDir)?.pid ?? null);
    if (code !== 'SQLITE_NOTADB') throw error;
    // Not a lock file of this kind (an earlier version wrote a pid in it): nobody can hold it.
    rmSync(file, { force: true });
    db = take();
  }
  const running = join(dataDir, RUNNING_FILE);
  // Advisory: a note that cannot be written (a full disk) must not cost the lock or the start.
  const write = (info: RunningInfo) => {
    try {
      writeFileSync(running, JSON.stringify(info), { mode: 0o600 });
    } catch {
      // Commands beside it then just don't know its receiver's address.
    }
  };
  let said: RunningInfo = { pid: process.pid };
  write(said);
  let released = false;
  const key = resolve(dataDir);
  const lock: DataDirLock = {
    announce: (info) => write((said = { ...said, ...info })),
    release: () => {
      if (released) return;
      released = true;
      if (held.get(key) === lock) held.delete(key);
      try {
        rmSync(running, { force: true });
      } catch {
        // The note is advisory; the lock itself goes with the connection.
      }
      db.close();
    },
  };
  held.set(key, lock);
  return lock;
}

/** The locks this process holds, by data directory: so that the HTTP API, started apart from the core, can add itself to the note. */
const held = new Map<string, DataDirLock>();

/** Adds to the running note of a data directory this process holds (nothing when it holds none). */
export function announceHeld(dataDir: string, info: Omit<RunningInfo, 'pid'>): void {
  held.get(resolve(dataDir))?.announce(info);
}

/** What the core running on `dataDir` said about itself; null when none has (or the file is unreadable). */
export function runningInfo(dataDir: string): RunningInfo | null {
  try {
    const info = JSON.parse(readFileSync(join(dataDir, RUNNING_FILE), 'utf8')) as RunningInfo;
    const text = (v: unknown) => v === undefined || typeof v === 'string';
    return Number.isInteger(info.pid) && text(info.receiverUrl) && text(info.apiUrl) && text(info.tokenFile) ? info : null;
  } catch {
    return null;
  }
}
