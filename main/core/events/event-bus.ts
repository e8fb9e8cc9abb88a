// A typed publish/subscribe for the contract's events; hosts forward them (SSE, IPC).
import type { ApiEvents, EventName } from '../../../shared/api.js';

type Listener<K extends EventName> = (payload: ApiEvents[K]) => void;

export class EventBus {
  private listeners = new Map<EventName, Set<Listener<EventName>>>();

  /** `onError` hears a subscriber that threw (the others and the publisher go on). */
  constructor(private readonly onError: (error: unknown) => void) {}

  on<K extends EventName>(name: K, listener: Listener<K>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  }

  /** Whether anyone listens: lets a publisher skip building a payload nobody reads. */
  has(name: EventName): boolean {
    return (this.listeners.get(name)?.size ?? 0) > 0;
  }

  emit<K extends EventName>(name: K, payload: ApiEvents[K]): void {
    for (const listener of this.listeners.get(name) ?? []) {
      // A broken subscriber (a closed SSE stream) must not stop the others or the receiver; it is
      // reported, not swallowed.
      try {
        listener(payload);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}

/**
 * For a value that changes often (a count): publishes the latest value at most once per `everyMs`,
 * at the end of each interval, and only when it differs from what was last published. A short-lived
 * change that is undone within the interval is never published at all.
 */
export function latestEvery<T>(publish: (value: T) => void, everyMs: number, initial: T): (value: T) => void {
  let published = initial;
  let latest = initial;
  let timer: NodeJS.Timeout | null = null;
  return (value) => {
    latest = value;
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      if (latest === published) return;
      published = latest;
      publish(latest);
    }, everyMs);
    // A pending publication never keeps the process alive.
    timer.unref();
  };
}
