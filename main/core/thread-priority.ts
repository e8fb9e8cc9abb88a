// Derivation and WAL checkpoints are catch-up work: under a burst they should give the CPU to the
// receiver's thread, which holds the vendor's answers, and catch up after it. Linux keeps a nice value
// per thread, so raising it in a worker lowers that worker alone. On macOS and Windows the same call
// would lower the whole process, the receiver with it, so there the workers keep normal priority.
import { setPriority } from 'node:os';

/** How far below normal a background thread runs (0 normal, 19 lowest): it still gets ~10% of a busy core. */
export const BACKGROUND_NICE = 10;

/** The value a background worker should take, or null where it would affect the whole process. */
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
