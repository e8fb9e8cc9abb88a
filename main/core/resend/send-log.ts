// Group commit for attempts. A bulk job makes thousands of attempts a second, and a transaction per
// attempt cost more than the HTTP itself (a WAL append per commit). Rows are queued and written
// in one transaction every FLUSH_MS or BATCH rows, then published as `sendAttempt` events. The
// transaction is synchronous (better-sqlite3), so the receiver's own commits never land inside it.
import type { EventBus } from '../events/event-bus.js';
import type { NewSend, Store } from '../store/index.js';

const FLUSH_MS = 20;
const BATCH = 500;

export class SendLog {
  private queue: NewSend[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    private readonly events: EventBus,
    private readonly onError: (error: unknown) => void,
  ) {}

  add(row: NewSend): void {
    this.queue.push(row);
    if (this.queue.length >= BATCH) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** Writes what is queued now (a job calls this before it reports its end). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.queue.length === 0) return;
    const rows = this.queue;
    this.queue = [];
    let written;
    try {
      written = this.store.sends.insertMany(rows);
    } catch (error) {
      // From a timer: an exception here would end the process (and the receiver with it).
      this.onError(
        new Error(`could not record ${rows.length} send attempts: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        }),
      );
      return;
    }
    for (const attempt of written) this.events.emit('sendAttempt', attempt);
  }
}
