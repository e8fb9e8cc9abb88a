// How a CLI command reaches the core: through the HTTP API of the `serve` that holds the data
// directory (its running note names the API and the token's file), else through a core of the
// command's own, started without a receiver, which takes the data directory for the command's run
// and derives what a stopped serve left pending before it answers. One service either way.
//
// Two commands on a data directory nobody serves: the second one retries until the first lets the
// directory go (LOCK_RETRY_MS), as two writers must not share the store; a `serve` started meanwhile
// is refused as beside any other core. The desktop app offers no HTTP API: beside it, the commands
// that go through this module say so (exit 1).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ApiInputError, operations, validatingClient, type ApiClient, type OpName } from '../../../shared/api.js';
import { DATABASE_FILE, startCore } from '../../core/app.js';
import { DataDirBusyError, runningInfo } from '../../core/data-dir-lock.js';
import { processAlive } from '../../core/process-alive.js';
import { reportError } from './report-error.js';
import { ApiError, createHttpClient } from '../../../shared/http-client.js';
import { notADirectory } from './trouble.js';

export interface CoreAccess {
  client: ApiClient;
  /** `serve`: over the running serve's API; `local`: a core of this command's own. */
  via: 'serve' | 'local';
  close(): Promise<void>;
}

/** A data directory with no store where one was needed. */
export class NoStoreError extends Error {
  constructor(readonly dataDir: string) {
    super(
      existsSync(dataDir) && !statSync(dataDir).isDirectory()
        ? notADirectory(dataDir)
        : `no store in ${dataDir} (expected ${DATABASE_FILE}); pass --data <dir> (the one serve uses)`,
    );
  }
}

/** The serve's API could not be reached (it stopped): the caller may reach the core again. */
export class ApiUnreachableError extends Error {}

/** How long a read of the command's own core waits for what was pending at its start to be derived. */
const LOCAL_READ_WAIT_MS = 10 * 60_000;
/** How long a command waits for another command's core to let the data directory go. */
const LOCK_RETRY_MS = 120_000;
const LOCK_POLL_MS = 200;
/** How long a serve that holds the lock and listens may take to announce its API. */
const API_START_MS = 5_000;

/** The API of the serve holding `dataDir`, when one is running and has said where it listens. */
export function servingApi(dataDir: string): { apiUrl: string; token: string } | null {
  const running = runningInfo(dataDir);
  // A note left by a process that was killed names an API that is gone (its port may be another's now).
  if (!running?.apiUrl || !running.tokenFile || !processAlive(running.pid)) return null;
  try {
    const token = readFileSync(running.tokenFile, 'utf8').trim();
    return token ? { apiUrl: running.apiUrl, token } : null;
  } catch {
    return null;
  }
}

/**
 * The core of `dataDir`. `mustExist`: a data directory without a store is an error (NoStoreError),
 * not a new empty store. `onBusy`: told once when another command's core holds the directory.
 */
export async function reachCore(
  dataDir: string,
  { mustExist, onBusy }: { mustExist: boolean; onBusy?: (pid: number | null) => void },
): Promise<CoreAccess> {
  const started = Date.now();
  let told = false;
  for (;;) {
    const api = servingApi(dataDir);
    if (api) return { client: httpClient(api), via: 'serve', close: async () => {} };
    if (mustExist && !existsSync(join(dataDir, DATABASE_FILE))) throw new NoStoreError(dataDir);
    try {
      const core = await startCore({ dataDir, receiver: false, readWaitMs: LOCAL_READ_WAIT_MS, onError: reportError });
      return { client: validatingClient(core.service), via: 'local', close: () => core.close() };
    } catch (error) {
      if (!(error instanceof DataDirBusyError)) throw error;
      const running = runningInfo(dataDir);
      // A core with a receiver and no API after its start: the desktop app, which offers none to the CLI.
      if (running?.receiverUrl && !running.apiUrl && Date.now() - started > API_START_MS) {
        throw new Error(
          `the Callback Inspector running on ${dataDir}${running.pid ? ` (pid ${running.pid})` : ''} offers no API to the command line (the desktop app): quit it, or run serve on that data directory instead`,
          { cause: error },
        );
      }
      if (Date.now() - started >= LOCK_RETRY_MS) throw error;
      if (!told) onBusy?.(error.pid);
      told = true;
      await sleep(LOCK_POLL_MS);
    }
  }
}

/** `onBusy` for a command run in a terminal: says once that it waits for another command's core. */
export const sayBusy = (dataDir: string) => (pid: number | null) =>
  process.stderr.write(`another command${pid ? ` (pid ${pid})` : ''} has ${dataDir}: trying again\n`);

/** The ApiClient over the serve's HTTP API (shared/http-client.ts, as the browser's), its failures in the CLI's terms. */
function httpClient({ apiUrl, token }: { apiUrl: string; token: string }): ApiClient {
  const http = createHttpClient({ baseUrl: apiUrl, token, fetch: (url, init) => fetch(url, init) });
  const call = (name: OpName) => (input: unknown) =>
    (http[name] as (i: unknown) => Promise<unknown>)(input).catch((error: unknown) => {
      throw inCliTerms(name, error, apiUrl);
    });
  return Object.fromEntries((Object.keys(operations) as OpName[]).map((name) => [name, call(name)])) as ApiClient;
}

/** A serve gone or stopping may be replaced by a core of the command's own; bad input is the caller's. */
function inCliTerms(name: OpName, error: unknown, apiUrl: string): unknown {
  if (!(error instanceof ApiError)) return error;
  if (error.status === 0) return new ApiUnreachableError(`${error.message}, at ${apiUrl}`);
  if (error.status === 400 && error.issues.length > 0) return new ApiInputError(name, error.issues);
  if (error.status === 503) return new ApiUnreachableError(error.message);
  return new Error(`${name}: ${error.message}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
