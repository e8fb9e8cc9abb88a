// Reads stored bodies for the API off the receiver's thread and out of its process. Decoding a body
// (up to 64 MiB once Content-Encoding is undone), parsing it losslessly and comparing two of them can
// take seconds and gigabytes: a 60 KB gzip of [0,0,…] compared with itself had killed the app. Here
// that work runs in one child process (body-process.ts) under a heap limit and a time limit per job;
// a job past either ends the process, its caller gets a refusal that says which limit, and the next
// job starts a fresh process. A process, not a worker thread: near its heap limit a worker's large
// allocation aborts the whole app (child-process.ts). Jobs run one at a time, in order; a few may
// wait, more are refused as busy.
import { ApiInputError } from '../../../shared/api.js';
import { describeExit, forkChild, ranOutOfMemory, type ChildExit, type ChildHandle, type ChildLauncher } from '../child-process.js';
import type { BodyJob, BodyJobResults, FromBodyReader, ToBodyReader } from './messages.js';
import { BodyRefusal } from './refusal.js';

/** Heap of the reader's process. Two realistic 30 MB bodies compare in ~430 MB. */
export const DEFAULT_BODY_READER_HEAP_MB = 512;
/** A job running longer is stopped: two 30 MB bodies compare in ~2 s. */
export const DEFAULT_BODY_READER_TIMEOUT_MS = 30_000;
/** Jobs waiting behind the running one, at most. */
export const DEFAULT_BODY_READER_QUEUE = 16;

export interface BodyReaderOptions {
  /** The store's database file; the reader's process opens its own connection to it. */
  file: string;
  nativeBinding?: string;
  heapMb?: number;
  timeoutMs?: number;
  maxWaiting?: number;
  /** How the process is started: Node's fork by default; the desktop app passes Electron's. */
  launch?: ChildLauncher;
}

export interface ReadOptions {
  /** The API operation asking, for its error. */
  op: string;
  /** How the refusal starts when the job runs out of memory or time, e.g. `these bodies are too large to compare`. */
  tooLarge: string;
  /** The caller left: a job still waiting is dropped. */
  signal?: AbortSignal;
}

export interface BodyReader {
  read<T extends BodyJob>(job: T, how: ReadOptions): Promise<BodyJobResults[T['type']]>;
  /** Refuses what waits, stops the running job, and ends the process. */
  stop(): Promise<void>;
  /** The reader's process, while there is one (started at the first job). */
  pid(): number | null;
}

interface Job {
  id: number;
  job: BodyJob;
  how: ReadOptions;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
  timer?: NodeJS.Timeout;
  timedOut?: boolean;
  dropWhenAborted?: () => void;
}

const STOPPED = 'the body reader was stopped (the app is closing)';

export function startBodyReader(options: BodyReaderOptions): BodyReader {
  const heapMb = options.heapMb ?? DEFAULT_BODY_READER_HEAP_MB;
  const timeoutMs = options.timeoutMs ?? DEFAULT_BODY_READER_TIMEOUT_MS;
  const maxWaiting = options.maxWaiting ?? DEFAULT_BODY_READER_QUEUE;
  const waiting: Job[] = [];
  let running: Job | null = null;
  let child: ChildHandle | null = null;
  /** The current process has loaded and said so: a job's time counts from then. */
  let ready = false;
  let exited: Promise<void> = Promise.resolve();
  let stopped = false;
  let nextId = 1;
  const launch = options.launch ?? forkChild;

  const spawn = (): ChildHandle => {
    const c = launch(new URL('./body-process.js', import.meta.url), {
      args: [options.file, options.nativeBinding ?? ''],
      nodeArgs: [`--max-old-space-size=${heapMb}`],
      name: 'body reader',
    });
    ready = false;
    c.onMessage((message) => {
      const m = message as FromBodyReader;
      if (c !== child) return;
      if (m.type !== 'ready') return settle(m);
      ready = true;
      if (running) startClock(running);
    });
    exited = new Promise((resolve) =>
      c.onExit((exit) => {
        if (child === c) child = null;
        const job = running;
        running = null;
        if (job) {
          clearTimeout(job.timer);
          job.reject(ended(job, exit));
        }
        resolve();
        next();
      }),
    );
    return c;
  };

  const ended = (job: Job, exit: ChildExit): Error => {
    const { op, tooLarge } = job.how;
    if (job.timedOut)
      return new BodyRefusal(
        op,
        '',
        `${tooLarge}: this took longer than ${timeoutMs / 1000} s, the time the body reader gives one request`,
      );
    if (ranOutOfMemory(exit)) {
      return new BodyRefusal(op, '', `${tooLarge}: this needs more than the ${heapMb} MB of memory the body reader may use`);
    }
    if (stopped) return new Error(STOPPED);
    return new Error(`the body reader's process ${describeExit(exit)}`);
  };

  // Loading the process (seconds from TypeScript sources under a loaded CI) is not the job's time.
  const startClock = (job: Job) => {
    job.timer ??= setTimeout(() => {
      job.timedOut = true;
      child?.kill();
    }, timeoutMs).unref();
  };

  const settle = (m: Exclude<FromBodyReader, { type: 'ready' }>) => {
    const job = running;
    if (!job || job.id !== m.id) return;
    running = null;
    clearTimeout(job.timer);
    child?.hold(false);
    if (m.type === 'done') job.resolve(m.result);
    else if (m.type === 'refused')
      job.reject(m.plain ? new BodyRefusal(m.op, m.issues[0]?.path ?? '', m.issues[0]?.message ?? '') : new ApiInputError(m.op, m.issues));
    // A string or array past V8's own maximum length: as much a size limit as the heap's.
    else if (m.name === 'RangeError') job.reject(new BodyRefusal(job.how.op, '', `${job.how.tooLarge}: ${m.message.split('\n')[0]}`));
    else job.reject(new Error(`the body reader failed: ${m.message}`));
    next();
  };

  const next = () => {
    if (running || stopped) return;
    const job = waiting.shift();
    if (!job) return;
    if (job.dropWhenAborted) job.how.signal?.removeEventListener('abort', job.dropWhenAborted);
    running = job;
    child ??= spawn();
    child.hold(true);
    if (ready) startClock(job);
    child.send({ type: 'job', id: job.id, job: job.job } satisfies ToBodyReader);
  };

  return {
    read<T extends BodyJob>(job: T, how: ReadOptions) {
      return new Promise<BodyJobResults[T['type']]>((resolve, reject) => {
        if (stopped) return reject(new Error(STOPPED));
        if (how.signal?.aborted) return reject(how.signal.reason);
        if (waiting.length >= maxWaiting) {
          return reject(
            new BodyRefusal(how.op, '', `the body reader is busy: ${waiting.length} requests are waiting for it; try again in a moment`),
          );
        }
        const entry: Job = { id: nextId++, job, how, resolve: resolve as (r: unknown) => void, reject };
        if (how.signal) {
          entry.dropWhenAborted = () => {
            const at = waiting.indexOf(entry);
            if (at >= 0) waiting.splice(at, 1);
            reject(how.signal!.reason);
          };
          how.signal.addEventListener('abort', entry.dropWhenAborted, { once: true });
        }
        waiting.push(entry);
        next();
      });
    },
    pid: () => child?.pid ?? null,
    async stop() {
      if (!stopped) {
        stopped = true;
        for (const job of waiting.splice(0)) job.reject(new Error(STOPPED));
        const c = child;
        if (c && running) c.kill();
        else if (c) {
          // Idle: let it close its connection to the store; one that does not within a second is killed.
          c.send({ type: 'stop' } satisfies ToBodyReader);
          const timer = setTimeout(() => c.kill(), 1_000);
          void exited.then(() => clearTimeout(timer));
        }
      }
      await exited;
    },
  };
}
