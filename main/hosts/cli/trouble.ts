// What went wrong outside the command's control (the data directory, the store file, the disk), as
// the one line a user can act on: the path and the cause, instead of a stack trace. Anything not
// recognised here is a bug and keeps its stack.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../core/app.js';
import { DataDirBusyError } from '../../core/data-dir-lock.js';

/** SQLite's answers about the store file (better-sqlite3's SqliteError codes). */
const STORE_CAUSES: Record<string, string> = {
  SQLITE_NOTADB: 'not a Callback Inspector store (the file is not an SQLite database); move it away or pass another --data',
  SQLITE_CORRUPT: 'the store is damaged (SQLite: database disk image is malformed); restore a copy or start another --data',
  SQLITE_CANTOPEN: 'cannot open the store: check that the folder exists and that this user may write it',
  SQLITE_READONLY: 'the store is read-only for this user (the file, its folder or the file system); it needs write access',
  SQLITE_PERM: 'no permission to use the store',
  SQLITE_FULL: 'the disk is full',
  SQLITE_IOERR: 'the file system failed to read or write the store',
};

/** The file system's answers (Node's error codes). */
const FILE_CAUSES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a part of this path is a file, not a folder',
  EEXIST: 'a file is in the way where a folder is needed',
  EISDIR: 'is a folder, not a file',
  ENOENT: 'no such file or folder',
};

/** One line for a failure about `dataDir`'s store or files, or null for anything else. */
export function troubleLine(error: unknown, dataDir: string | undefined): string | null {
  if (error instanceof DataDirBusyError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const storeCause = STORE_CAUSES[code] ?? (code.startsWith('SQLITE_IOERR') ? STORE_CAUSES.SQLITE_IOERR : undefined);
  if (storeCause) {
    if (dataDir === undefined) return storeCause;
    const notADir = existsSync(dataDir) && !statSync(dataDir).isDirectory();
    return notADir ? notADirectory(dataDir) : `${join(dataDir, DATABASE_FILE)}: ${storeCause}`;
  }
  const fileCause = FILE_CAUSES[code];
  if (!fileCause) return null;
  const path = (error as { path?: unknown }).path;
  if (dataDir !== undefined && (code === 'EEXIST' || code === 'ENOTDIR') && existsSync(dataDir) && !statSync(dataDir).isDirectory())
    return notADirectory(dataDir);
  return typeof path === 'string' ? `${path}: ${fileCause}` : fileCause;
}

export const notADirectory = (dataDir: string) => `${dataDir} is a file, not a data directory; pass --data <dir> (the one serve uses)`;
