// `--out <file>` for every command that writes a file: missing folders are made (as `fixtures export`
// makes its folder), and a path that cannot be written is one line on stderr and exit 1.
import { createWriteStream, mkdirSync, openSync, writeFileSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { fail } from './session.js';

/** A stream to `file`, opened now so a bad path fails before any work is done. */
export function openOutputFile(file: string): WriteStream {
  let fd: number;
  try {
    mkdirSync(dirname(file), { recursive: true });
    fd = openSync(file, 'w');
  } catch (error) {
    return cannotWrite(file, error);
  }
  const out = createWriteStream(file, { fd });
  // A full disk, say, while writing.
  out.on('error', (error) => cannotWrite(file, error));
  return out;
}

/** Writes `text` to `file` whole. */
export function writeOutputFile(file: string, text: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  } catch (error) {
    cannotWrite(file, error);
  }
}

/** Waits until everything written to `out` is in its file. */
export function finishOutputFile(out: WriteStream): Promise<void> {
  return new Promise((resolve) => out.end(() => resolve()));
}

function cannotWrite(file: string, error: unknown): never {
  return fail(`cannot write ${file}: ${reason(error as NodeJS.ErrnoException)}`);
}

function reason(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such folder';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a part of the path is a file, not a folder';
    case 'EISDIR':
      return 'it is a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return error.message;
  }
}
