// What the receiver's thread and the deriver's thread tell each other.

export type ToDeriver =
  /** Deliveries up to this id are committed: derive them. */
  | { type: 'wake'; upTo: number }
  /** Derive what is pending (for a few seconds at most), close the connection, exit. */
  | { type: 'stop' };

export type FromDeriver =
  /** These deliveries now have their derived fields. */
  | { type: 'derived'; ids: number[] }
  /** Nothing is pending up to this id (derived, or removed before it could be). */
  | { type: 'idle'; upTo: number }
  /** A bug: the deriver stopped. The main thread takes over. */
  | { type: 'failed'; message: string };
