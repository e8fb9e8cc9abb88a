// A one-shot command's run on the core of its data directory (core-access.ts): over the API of the
// serve holding it, else through a core of the command's own. Reached once and closed after, whatever
// happens; a failure is one line on stderr and the command's exit code, never a stack trace.
import { ApiInputError, type ApiClient } from '../../../shared/api.js';
import { reachCore, type CoreAccess, sayBusy } from './core-access.js';
import { troubleLine } from './trouble.js';

export interface WithCoreOptions {
  /** A data directory without a store is an error (no store), not a new empty store. */
  mustExist: boolean;
  /** The exit code of a failure (diff's trouble is 2). */
  failure?: number;
}

/** What `use` gives, or undefined when it (or reaching the core) failed: then said, with the exit code set. */
export async function withCore<T>(
  dataDir: string,
  { mustExist, failure = 1 }: WithCoreOptions,
  use: (client: ApiClient) => Promise<T>,
): Promise<T | undefined> {
  let access: CoreAccess;
  try {
    access = await reachCore(dataDir, {
      mustExist,
      onBusy: sayBusy(dataDir),
    });
  } catch (error) {
    return said(error, failure, dataDir);
  }
  try {
    return await use(access.client);
  } catch (error) {
    return said(error, failure, dataDir);
  } finally {
    await access.close();
  }
}

function said(error: unknown, code: number, dataDir: string): undefined {
  if (!(error instanceof Error)) throw error;
  // A refusal (no such delivery, an export too large) is the message itself, without the operation's
  // name; trouble with the data directory or the store names the path and the cause.
  const message =
    troubleLine(error, dataDir) ?? (error instanceof ApiInputError ? error.issues.map((i) => i.message).join('; ') : error.message);
  process.stderr.write(`error: ${message}\n`);
  process.exitCode = code;
  return undefined;
}
