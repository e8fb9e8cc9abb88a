// Runs re-send jobs in the background of the core: gives each an id (a send_jobs row), a cancel
// signal, stores every attempt as it ends, and publishes attempts and throttled progress. Nothing
// here runs on the receiver's path: jobs are plain async work on the same event loop.
import { setMaxListeners } from 'node:events';
import type { JobInfo, JobKind, SendAttempt } from '../../../shared/model.js';
import type { EventBus } from '../events/event-bus.js';
import type { Store } from '../store/index.js';
import type { HttpOutcome } from './http-send.js';
import { SendLog } from './send-log.js';
import { processAlive } from '../process-alive.js';

const MAX_NOTES = 20;

/** One attempt, as a job reports it. */
export interface AttemptReport {
  item: number;
  deliveryId: number | null;
  attempt: number;
  url: string;
  method: string;
  body: Uint8Array;
  outcome: HttpOutcome;
}

/** An attempt's outcome as the job needs it; the stored row follows within FLUSH_MS. */
export type AttemptResult = Pick<SendAttempt, 'attempt' | 'ok' | 'responseStatus' | 'errorClass'>;

/** What a job's body gets to work with. */
export interface JobContext {
  readonly id: number;
  readonly signal: AbortSignal;
  /** Queues the attempt for the store (and its event) and says whether it was delivered. */
  record(report: AttemptReport): AttemptResult;
  /** The item is finished: its last attempt, or null when it could not be sent (say why). */
  itemDone(last: AttemptResult | null, why?: string): void;
  /** The item waits for its next attempt, due at `dueAt` (epoch ms), or no longer (null). */
  waiting(item: number, dueAt: number | null): void;
  setTotal(total: number): void;
}

interface Running {
  info: JobInfo;
  controller: AbortController;
  done: Promise<JobInfo>;
  timer: NodeJS.Timeout | null;
  /** Items waiting out the retry interval, and when each one's next attempt is due. */
  waits: Map<number, number>;
}

export class JobRunner {
  private readonly running = new Map<number, Running>();
  private readonly log: SendLog;

  constructor(
    private readonly store: Store,
    private readonly events: EventBus,
    /** Hears what could not be stored (attempts written after the job went on). */
    onError: (error: unknown) => void,
    /** At most one progress event per this many ms while a job runs (plus start and end). */
    private readonly progressEveryMs = 100,
  ) {
    this.log = new SendLog(store, events, onError);
    // A job cannot outlive its process: say so instead of showing it running forever. Only jobs of
    // dead processes: `serve` and a CLI `send` on the same data dir each run their own.
    store.sends.interruptOrphans(Date.now(), processAlive);
  }

  start(kind: JobKind, label: string, spec: unknown, total: number, body: (job: JobContext) => Promise<void>): JobInfo {
    const startedAt = Date.now();
    const id = this.store.sends.createJob(kind, label, spec, total, startedAt, process.pid);
    const info: JobInfo = {
      id,
      kind,
      state: 'running',
      label,
      total,
      completed: 0,
      succeeded: 0,
      failed: 0,
      attempts: 0,
      outcomes: {},
      notes: [],
      nextAttemptAt: null,
      startedAt,
      finishedAt: null,
      error: null,
    };
    const controller = new AbortController();
    // Every attempt in flight listens for cancel: with concurrency 64 that is 64 listeners, by design.
    setMaxListeners(0, controller.signal);
    const entry: Running = { info, controller, done: Promise.resolve(info), timer: null, waits: new Map() };
    const context: JobContext = {
      id,
      signal: controller.signal,
      record: (r) => {
        const o = r.outcome;
        const ok = o.status === 200 && o.errorClass === null;
        this.log.add({
          jobId: id,
          deliveryId: r.deliveryId,
          item: r.item,
          attempt: r.attempt,
          url: r.url,
          method: r.method,
          requestHeaders: o.requestHeaders,
          requestBody: r.body,
          responseStatus: o.status,
          responseHeaders: o.responseHeaders,
          responseBody: o.responseBody,
          responseSize: o.responseSize,
          responseTruncated: o.responseTruncated,
          durationMs: o.durationMs,
          errorClass: o.errorClass,
          errorMessage: o.errorMessage,
          startedAt: o.startedAt,
          finishedAt: o.finishedAt,
          ok,
        });
        info.attempts++;
        // An item retried for minutes (the vendor's policy) completes only at its end: its attempts
        // are progress too.
        this.progress(entry);
        return { attempt: r.attempt, ok, responseStatus: o.status, errorClass: o.errorClass };
      },
      itemDone: (last, why) => {
        info.completed++;
        if (last?.ok) info.succeeded++;
        else info.failed++;
        const key = last === null ? 'not sent' : (last.errorClass ?? String(last.responseStatus));
        info.outcomes[key] = (info.outcomes[key] ?? 0) + 1;
        if (why && info.notes.length < MAX_NOTES) info.notes.push(why);
        this.progress(entry);
      },
      waiting: (item, dueAt) => {
        if (dueAt === null) entry.waits.delete(item);
        else entry.waits.set(item, dueAt);
        info.nextAttemptAt = entry.waits.size > 0 ? Math.min(...entry.waits.values()) : null;
        this.progress(entry);
      },
      setTotal: (n) => void (info.total = n),
    };
    this.running.set(id, entry);
    entry.done = (async () => {
      try {
        await body(context);
        info.state = controller.signal.aborted ? 'cancelled' : 'done';
      } catch (error) {
        info.state = 'failed';
        info.error = error instanceof Error ? error.message : String(error);
      }
      info.finishedAt = Date.now();
      info.nextAttemptAt = null;
      if (entry.timer) clearTimeout(entry.timer);
      // Its attempts are stored (and published) before the job says it has ended.
      this.log.flush();
      this.running.delete(id);
      this.store.sends.saveJob(info);
      this.events.emit('jobProgress', snapshot(info));
      return snapshot(info);
    })();
    this.events.emit('jobProgress', snapshot(info));
    return snapshot(info);
  }

  get(id: number): JobInfo | null {
    const live = this.running.get(id);
    return live ? snapshot(live.info) : (this.store.sends.job(id) ?? null);
  }

  list(limit: number): JobInfo[] {
    return this.store.sends.jobs(limit).map((j) => this.get(j.id) ?? j);
  }

  /** Stops a running job: waits end early and the attempt in flight is cut (recorded as cancelled). */
  async cancel(id: number): Promise<JobInfo | null> {
    const live = this.running.get(id);
    if (!live) return this.get(id);
    live.controller.abort();
    return live.done;
  }

  /** Resolves with the job's final state. */
  async wait(id: number): Promise<JobInfo | null> {
    const live = this.running.get(id);
    return live ? live.done : this.get(id);
  }

  /** Cancels every running job and waits for them to record their end (on shutdown). */
  async close(): Promise<void> {
    const all = [...this.running.values()];
    for (const r of all) r.controller.abort();
    await Promise.all(all.map((r) => r.done));
  }

  private progress(entry: Running): void {
    if (entry.timer) return;
    entry.timer = setTimeout(() => {
      entry.timer = null;
      if (this.running.has(entry.info.id)) this.events.emit('jobProgress', snapshot(entry.info));
    }, this.progressEveryMs);
  }
}

/** A copy that later progress does not mutate (in-process listeners may keep it). */
function snapshot(info: JobInfo): JobInfo {
  return { ...info, outcomes: { ...info.outcomes }, notes: [...info.notes] };
}
