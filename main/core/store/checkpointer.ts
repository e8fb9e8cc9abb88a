// Moves WAL checkpoints off the receiver's thread. SQLite's automatic checkpoint runs inside the
// commit that crosses the threshold and fsyncs the main file there, stalling that delivery and every
// one queued behind it (measured: ~2.4× fewer deliveries/s with it on the receiver's thread). A child
// process with its own connection (checkpoint-process.ts) checkpoints passively instead, which never
// blocks writers, and truncates the WAL when a flood has grown it past its limit. A process rather
// than a worker thread: it starts like the core's other children (child-process.ts), from the built
// file or from the sources alike, and lowers its own priority on every OS.
import type { Db } from './db.js';
import { describeExit, forkChild, type ChildLauncher } from '../child-process.js';
import type { FromCheckpointer, ToCheckpointer } from './checkpoint-process.js';

export interface Checkpointer {
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  nativeBinding?: string;
  intervalMs?: number;
  /** WAL size in bytes past which the WAL is checkpointed and truncated (0: never, only passive checkpoints). */
  walLimit?: number;
  /** How the process is started (Node's fork by default; the desktop app's is Electron's). */
  launch?: ChildLauncher;
  /** Hears a checkpoint that failed and a process that ended before it was stopped. */
  onError?: (error: unknown) => void;
}

export const DEFAULT_WAL_LIMIT = 64 * 1024 * 1024;

/** A stopped process still there after this is killed (a checkpoint cut short is safe: SQLite redoes it). */
const STOP_GRACE_MS = 1_000;

export function startCheckpointer(db: Db, options: CheckpointerOptions = {}): Checkpointer {
  const walLimit = options.walLimit ?? DEFAULT_WAL_LIMIT;
  const launch = options.launch ?? forkChild;
  const child = launch(new URL('./checkpoint-process.js', import.meta.url), {
    args: [db.name, options.nativeBinding ?? '', String(options.intervalMs ?? 500), String(walLimit)],
    nodeArgs: [],
    name: 'checkpointer',
  });
  db.pragma('wal_autocheckpoint = 0');
  // When the receiver's commit restarts the WAL after a complete checkpoint, the file is cut back to
  // this size instead of keeping its peak on disk.
  if (walLimit > 0) db.pragma(`journal_size_limit = ${Math.floor(walLimit)}`);
  let stopping: Promise<void> | undefined;
  let ended = false;
  child.onMessage((message) => {
    // Stopping, the app's own closing checkpoint says what is wrong (a full disk), once.
    if (stopping) return;
    const m = message as FromCheckpointer;
    options.onError?.(new Error(`the checkpointer could not checkpoint the WAL (it tries again): ${m.message}`));
  });
  const exited = new Promise<void>((resolve) =>
    child.onExit((exit) => {
      ended = true;
      resolve();
      if (stopping) return;
      // Without it the WAL would grow without bound: hand checkpoints back to SQLite.
      if (db.open) db.pragma('wal_autocheckpoint = 1000');
      options.onError?.(new Error(`the checkpointer's process ${describeExit(exit)}; SQLite checkpoints the WAL itself from now on`));
    }),
  );
  return {
    stop: () => {
      if (!stopping && !ended) {
        // Keeps the app alive until the process has closed its connection. The timer does too: the
        // channel alone closes before the exit is heard, and the app would end with this unsettled.
        child.hold(true);
        child.send({ type: 'stop' } satisfies ToCheckpointer);
        const timer = setTimeout(() => child.kill(), STOP_GRACE_MS);
        void exited.then(() => clearTimeout(timer));
      }
      return (stopping ??= exited);
    },
  };
}
