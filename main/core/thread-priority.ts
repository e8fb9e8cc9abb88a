// Derivation and WAL checkpoints are catch-up work: under a burst they should give the CPU to the
// receiver's thread, which holds the vendor's answers, and catch up after it. The deriver is a child
// process (derive/derive-process.ts): it lowers itself, which works on every OS without touching the
// receiver (on Linux, which keeps a nice value per thread, it lowers the child's main thread, where
// the deriving runs). The checkpointer is a worker thread of the receiver's process: Linux lowers that
// thread alone, but on macOS and Windows the same call would lower the whole process, the receiver
// with it, so there the checkpointer keeps normal priority.
import { setPriority } from 'node:os';

/** How far below normal background work runs (0 normal, 19 lowest): it still gets ~10% of a busy core. */
export const BACKGROUND_NICE = 10;

/** The value a background worker thread should take, or null where it would affect the whole process. */
export function backgroundNice(platform: NodeJS.Platform = process.platform): number | null {
  return platform === 'linux' ? BACKGROUND_NICE : null;
}

/** Lowers the calling thread's priority (call it inside the worker); a refusal leaves it at normal. */
export function lowerThisThread(nice: number | null): void {
  if (nice === null) return;
  try {
    setPriority(nice);
  } catch {
    // A sandbox may forbid it: the worker still runs, only at normal priority.
  }
}

/**
 * Lowers a background child process, from inside it, on every OS (Windows: below-normal priority
 * class). Only for a process that is all background work: called in the receiver's, it would lower it.
 */
export function lowerThisProcess(): void {
  lowerThisThread(BACKGROUND_NICE);
}
