// What the receiver's thread and the deriver's process tell each other. The deriver's process only
// reads and computes; the receiver's thread is the store's only writer, so the two never wait on each
// other's locks. The deriver keeps at most a few batches in flight, so that during a burst it does not
// compute far ahead of what the receiver's thread has time to write.
import type { IngestLimits } from '../ingest/limits.js';
import type { Derived } from './derive-batch.js';

/** What a deriver's process starts with (a message, not argv: the limits may be Infinity). */
export interface DeriverStart {
  file: string;
  nativeBinding?: string | undefined;
  /** Read pending deliveries after this id: what came before is derived or already sent. */
  after: number;
  /**
   * This many deliveries are derived one a batch, each only once the previous one is written (after a
   * crash: the next crash names its delivery, whatever order the last messages and the exit arrive in).
   */
  careful: number;
  limits: IngestLimits;
}

export type ToDeriver =
  /** The first message: open the store and say 'ready'. */
  | { type: 'start'; data: DeriverStart }
  /** Deliveries up to this id are committed: derive them. */
  | { type: 'wake'; upTo: number }
  /** One batch sent earlier is written (or given up on): room for the next. */
  | { type: 'applied' }
  /** Close the connection and exit; what is still pending waits for the next start. */
  | { type: 'stop' };

export type FromDeriver =
  /** The store is open: a crash from now on happened while deriving. */
  | { type: 'ready' }
  /** Derived results, oldest first, for the receiver's thread to write; `upTo` is the last id read. */
  | { type: 'derived'; items: Derived[]; upTo: number }
  /** Nothing is pending up to this id (every batch sent before is applied). */
  | { type: 'idle'; upTo: number }
  /** A bug: the deriver stopped, and is replaced. */
  | { type: 'failed'; message: string };
