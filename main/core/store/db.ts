// Opens the SQLite file with the pragmas the app relies on and brings its schema up to date.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations } from './migrations/index.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path to a native binding built for another runtime (Electron's ABI); see docs. */
  nativeBinding?: string;
}

export function openDb(file: string, options: OpenOptions = {}): Db {
  // Deliveries hold names, phone numbers and amounts owed: the data folder is the user's alone.
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  // WAL: readers (export, the UI) never block the receiver's writes, and a commit is one append.
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL: a committed transaction survives a crash or kill of this process; only a power
  // loss / OS crash can lose the last commits (never corrupt the file). FULL would fsync on every
  // acknowledgement. See docs/DURABILITY.md.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Checkpoints run PASSIVE (store/checkpointer.ts) and never shrink the WAL; after a burst it is
  // truncated back to this size at the next checkpoint instead of keeping its peak on disk.
  db.pragma('journal_size_limit = 67108864');
  db.pragma('busy_timeout = 5000');
  // 4 MiB of page cache a connection instead of better-sqlite3's 16 MB: the receiver's writes filled
  // all 16 (12 MB of serve's RSS), and reads of pages not held here come from the OS's cache (the
  // store's queries on 100,000 deliveries took the same time with either).
  db.pragma('cache_size = -4096');
  migrate(db);
  return db;
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(
      `This data file has schema version ${current}, newer than this app knows (${migrations.length}). Update Callback Inspector.`,
    );
  }
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
