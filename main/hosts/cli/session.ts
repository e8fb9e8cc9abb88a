// A sending command's run: reaches the core of the data directory (core-access.ts: the running
// serve's or desktop app's API, else a core of the command's own), starts a job there, follows it
// with one line per attempt or a progress bar, and turns the outcome into an exit code. Attempts are
// recorded by that core, so the UI shows them.
import { SingleBar } from 'cli-progress';
import { ApiInputError, parseInput, type OpInput, type OpName } from '../../../shared/api.js';
import type { JobInfo, SendAttempt } from '../../../shared/model.js';
import { NoStoreError, reachCore, type CoreAccess, sayBusy } from './core-access.js';
import { workFinished } from './closed-pipe.js';

export type Session = CoreAccess;

/** How often a followed job is asked how it stands. */
const FOLLOW_POLL_MS = 100;
/** listSends' page size. */
const ATTEMPT_PAGE = 1000;

/** The core of `dataDir` for one command; says so when another command holds it. */
export async function openSession(dataDir: string, { mustExist }: { mustExist: boolean }): Promise<Session> {
  try {
    return await reachCore(dataDir, {
      mustExist,
      onBusy: sayBusy(dataDir),
    });
  } catch (error) {
    if (error instanceof NoStoreError) fail(error.message);
    throw error;
  }
}

/** Validates like the API does; a bad value ends the command with the field and the reason. */
export function validInput<K extends OpName>(op: K, input: OpInput<K>) {
  try {
    return parseInput(op, input);
  } catch (error) {
    if (error instanceof ApiInputError) fail(error.issues.map((i) => `${flagName(i.path)}${i.message}`).join('\n       '));
    throw error;
  }
}

/**
 * Starts a job, turning what the core refused (a missing delivery, a body that cannot be re-signed)
 * into its message and exit code 1. Its input was validated before (validInput): the core's
 * messages name what is wrong themselves.
 */
export async function startJob(start: () => Promise<JobInfo>): Promise<JobInfo> {
  try {
    return await start();
  } catch (error) {
    if (error instanceof ApiInputError) fail(error.issues.map((i) => i.message).join('\n       '));
    throw error;
  }
}

const FLAGS: Record<string, string> = { to: '--to: ', timeoutMs: '--timeout: ', retry: 'retry policy: ', sign: 'signing: ' };
const flagName = (path: string) => FLAGS[path.split('.')[0] ?? ''] ?? (path ? `${path}: ` : '');

export function fail(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
}

export function describeAttempt(a: SendAttempt): string {
  const what = a.errorClass ? `${a.errorClass} (${a.errorMessage})` : `HTTP ${a.responseStatus}`;
  const location =
    a.responseStatus !== null && a.responseStatus >= 300 && a.responseStatus < 400
      ? a.responseHeaders.find(([n]) => n.toLowerCase() === 'location')?.[1]
      : undefined;
  return `${what}${location ? ` → ${location} (not followed)` : ''} in ${Math.round(a.durationMs)} ms`;
}

/**
 * Waits for the job, asking the core how it stands (the same questions over HTTP or in process).
 * `lines`: one line per attempt (single sends, chains); otherwise a progress bar on a terminal.
 * Ctrl-C cancels the job (its attempts so far stay recorded) and exits 130.
 */
export async function follow(
  session: Session,
  job: JobInfo,
  { lines, onAttempt }: { lines: boolean; onAttempt?: (a: SendAttempt) => void },
): Promise<JobInfo> {
  const { client } = session;
  const bar =
    !lines && process.stderr.isTTY
      ? new SingleBar({
          format: 'sending [{bar}] {value}/{total} · {succeeded} delivered · {failed} failed · {eta_formatted} left',
          stream: process.stderr,
          hideCursor: true,
        })
      : null;
  bar?.start(job.total, 0, { succeeded: 0, failed: 0 });
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
    process.stderr.write('\ncancelling…\n');
    void client.cancelJob({ jobId: job.id });
  };
  process.once('SIGINT', onSigint);
  let printed = 0;
  const printNew = async () => {
    for (const a of await attemptsAfter(session, job.id, printed)) {
      printed = a.id;
      process.stdout.write(`${a.item > 0 || job.kind === 'chain' ? `#${a.item + 1} ` : ''}attempt ${a.attempt}: ${describeAttempt(a)}\n`);
      onAttempt?.(a);
    }
  };
  let current = job;
  for (;;) {
    // The job first: once it has ended, the attempts read after it are all of them.
    current = (await client.getJob({ jobId: job.id })) ?? current;
    if (lines) await printNew();
    bar?.update(current.completed, { succeeded: current.succeeded, failed: current.failed });
    if (current.state !== 'running') break;
    await new Promise((resolve) => setTimeout(resolve, FOLLOW_POLL_MS));
  }
  // From here only the summary is left to write: a reader leaving now abandons nothing.
  workFinished();
  process.off('SIGINT', onSigint);
  bar?.stop();
  if (interrupted) process.exitCode = 130;
  return current;
}

/** The job's attempts recorded after attempt `after`, oldest first (listSends pages newest first). */
async function attemptsAfter(session: Session, jobId: number, after: number): Promise<SendAttempt[]> {
  const found: SendAttempt[] = [];
  let before: number | undefined;
  for (;;) {
    const page = await session.client.listSends({ jobId, limit: ATTEMPT_PAGE, ...(before !== undefined ? { before } : {}) });
    const fresh = page.filter((a) => a.id > after);
    found.push(...fresh);
    if (fresh.length < page.length || page.length < ATTEMPT_PAGE) break;
    before = page[page.length - 1]!.id;
  }
  return found.reverse();
}

/** `12 delivered, 3 failed (500: 2, timeout: 1) in 1.2 s, 2,500 sends/s` */
export function summary(j: JobInfo): string {
  const seconds = ((j.finishedAt ?? Date.now()) - j.startedAt) / 1000;
  const failures = Object.entries(j.outcomes)
    .filter(([k]) => k !== '200')
    .map(([k, n]) => `${k}: ${n}`);
  const rate = seconds > 0 && j.attempts >= 20 ? `, ${Math.round(j.attempts / seconds).toLocaleString('en')} attempts/s` : '';
  return `${j.state === 'cancelled' ? 'cancelled: ' : ''}${j.succeeded} delivered, ${j.failed} failed${failures.length ? ` (${failures.join(', ')})` : ''} in ${seconds.toFixed(1)} s${rate} · job #${j.id}`;
}
