// A sending command's run: opens the store (attempts are recorded there, so `serve` on the same data
// dir shows them), starts the core's resend engine without a receiver, follows a job with one line
// per attempt or a progress bar, and turns the outcome into an exit code.
import { SingleBar } from 'cli-progress';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiInputError, parseInput, type OpInput, type OpName } from '../../../shared/api.js';
import type { JobInfo, SendAttempt } from '../../../shared/model.js';
import { DATABASE_FILE } from '../../core/app.js';
import { runningInfo } from '../../core/data-dir-lock.js';
import { processAlive } from '../../core/process-alive.js';
import { isOwnReceiver } from '../../core/receiver/resend-mark.js';
import { createResendEngine, ResendInputError, type ResendEngine } from '../../core/resend/engine.js';
import { EventBus } from '../../core/service/events.js';
import { openStore, type Store } from '../../core/store/index.js';
import { workFinished } from './closed-pipe.js';
import { reportError } from './report-error.js';

export interface Session {
  store: Store;
  events: EventBus;
  engine: ResendEngine;
  close(): Promise<void>;
}

export function openSession(dataDir: string, { mustExist }: { mustExist: boolean }): Session {
  const file = join(dataDir, DATABASE_FILE);
  if (mustExist && !existsSync(file)) fail(`no store in ${dataDir} (expected ${DATABASE_FILE}); pass --data <dir> (the one serve uses)`);
  const store = openStore(file);
  const events = new EventBus(reportError);
  const engine = createResendEngine({
    store,
    events,
    onError: reportError,
    // Sent to the receiver of a serve (or desktop app) running on this data dir: marked as a re-send.
    isOwnReceiver: (url) => {
      const running = runningInfo(dataDir);
      // A note left by a process that was killed names a receiver that is gone (its port may be another's now).
      if (!running?.receiverUrl || !processAlive(running.pid)) return false;
      return isOwnReceiver(url, running.receiverUrl, store.settings.get().publicUrl || null);
    },
  });
  return {
    store,
    events,
    engine,
    close: async () => {
      await engine.close();
      store.close();
    },
  };
}

/** Validates like the API does; a bad value ends the command with the field and the reason. */
export function validInput<K extends OpName>(op: K, input: OpInput<K>) {
  try {
    return parseInput(op, input);
  } catch (error) {
    return rejectInput(error);
  }
}

/** Starts a job, turning rejected input into a clear message and exit code 1. */
export function startJob(start: () => JobInfo): JobInfo {
  try {
    return start();
  } catch (error) {
    return rejectInput(error);
  }
}

function rejectInput(error: unknown): never {
  if (error instanceof ApiInputError) fail(error.issues.map((i) => `${flagName(i.path)}${i.message}`).join('\n       '));
  if (error instanceof ResendInputError) fail(error.message);
  throw error;
}

const FLAGS: Record<string, string> = { to: '--to: ', timeoutMs: '--timeout: ', retry: 'retry policy: ', sign: 'signing: ' };
const flagName = (path: string) => FLAGS[path.split('.')[0] ?? ''] ?? (path ? `${path}: ` : '');

export function fail(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
}

export function describeAttempt(a: SendAttempt): string {
  const what = a.errorClass ? `${a.errorClass} (${a.errorMessage})` : `HTTP ${a.responseStatus}`;
  const location = a.responseStatus !== null && a.responseStatus >= 300 && a.responseStatus < 400 ? a.responseHeaders.find(([n]) => n.toLowerCase() === 'location')?.[1] : undefined;
  return `${what}${location ? ` → ${location} (not followed)` : ''} in ${Math.round(a.durationMs)} ms`;
}

/**
 * Waits for the job. `lines`: one line per attempt (single sends, chains); otherwise a progress bar
 * on a terminal. Ctrl-C cancels the job (its attempts so far stay recorded) and exits 130.
 */
export async function follow(session: Session, job: JobInfo, { lines, onAttempt }: { lines: boolean; onAttempt?: (a: SendAttempt) => void }): Promise<JobInfo> {
  const bar = !lines && process.stderr.isTTY ? new SingleBar({ format: 'sending [{bar}] {value}/{total} · {succeeded} delivered · {failed} failed · {eta_formatted} left', stream: process.stderr, hideCursor: true }) : null;
  bar?.start(job.total, 0, { succeeded: 0, failed: 0 });
  const offAttempt = session.events.on('sendAttempt', (a) => {
    if (!lines || a.jobId !== job.id) return;
    process.stdout.write(`${a.item > 0 || job.kind === 'chain' ? `#${a.item + 1} ` : ''}attempt ${a.attempt}: ${describeAttempt(a)}\n`);
    onAttempt?.(a);
  });
  const offProgress = session.events.on('jobProgress', (j) => {
    if (j.id === job.id) bar?.update(j.completed, { succeeded: j.succeeded, failed: j.failed });
  });
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
    process.stderr.write('\ncancelling…\n');
    void session.engine.runner.cancel(job.id);
  };
  process.once('SIGINT', onSigint);
  const done = (await session.engine.runner.wait(job.id))!;
  // From here only the summary is left to write: a reader leaving now abandons nothing.
  workFinished();
  process.off('SIGINT', onSigint);
  if (bar) {
    bar.update(done.completed, { succeeded: done.succeeded, failed: done.failed });
    bar.stop();
  }
  offAttempt();
  offProgress();
  if (interrupted) process.exitCode = 130;
  return done;
}

/** `12 delivered, 3 failed (500: 2, timeout: 1) in 1.2 s, 2,500 sends/s` */
export function summary(j: JobInfo): string {
  const seconds = ((j.finishedAt ?? Date.now()) - j.startedAt) / 1000;
  const failures = Object.entries(j.outcomes).filter(([k]) => k !== '200').map(([k, n]) => `${k}: ${n}`);
  const rate = seconds > 0 && j.attempts >= 20 ? `, ${Math.round(j.attempts / seconds).toLocaleString('en')} attempts/s` : '';
  return `${j.state === 'cancelled' ? 'cancelled: ' : ''}${j.succeeded} delivered, ${j.failed} failed${failures.length ? ` (${failures.join(', ')})` : ''} in ${seconds.toFixed(1)} s${rate} · job #${j.id}`;
}
