// Derivation and WAL checkpoints are catch-up work: under a burst they should give the CPU to the
// receiver's thread, which holds the vendor's answers, and catch up after it. Both run in child
// processes (derive/derive-process.ts, store/checkpoint-process.ts) that lower themselves, which works
// on every OS without touching the receiver (on Linux, which keeps a nice value per thread, it lowers
// the child's main thread, where the work runs).
import { setPriority } from 'node:os';

/** How far below normal background work runs (0 normal, 19 lowest): it still gets ~10% of a busy core. */
export const BACKGROUND_NICE = 10;

/**
 * Lowers a background child process, from inside it, on every OS (Windows: below-normal priority
 * class). Only for a process that is all background work: called in the receiver's, it would lower it.
 * A refusal (a sandbox may forbid it) leaves it at normal priority.
 */
export function lowerThisProcess(): void {
  try {
    setPriority(BACKGROUND_NICE);
  } catch {
    // It still runs, only at normal priority.
  }
}
