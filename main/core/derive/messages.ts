// What the receiver's thread and the deriver's thread tell each other. Only one of them writes at a
// time, and the receiver's thread decides when: the deriver asks for the write turn once a batch is
// ready and gets it between two receiver commits, so neither ever waits in SQLite's busy back-off.

export type ToDeriver =
  /** Deliveries up to this id are committed: derive them. */
  | { type: 'wake'; upTo: number }
  /** Your write turn: write the ready batch now, then say `written`. */
  | { type: 'grant' }
  /** Close the connection and exit; what is still pending waits for the next start. */
  | { type: 'stop' };

export type FromDeriver =
  /** A batch is derived and waits for a write turn. */
  | { type: 'ready' }
  /** The batch is written (these ids were still pending); the turn is back. */
  | { type: 'written'; ids: number[]; upTo: number }
  /** Nothing is pending up to this id (derived, or removed before it could be). */
  | { type: 'idle'; upTo: number }
  /** A bug: the deriver stopped (any turn it held is back). The main thread takes over. */
  | { type: 'failed'; message: string };
