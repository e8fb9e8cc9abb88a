// The browser connection's link to `serve`: what listeners are told may have been missed. A stand-in
// EventSource (Node 20 has none; the real one is driven in test/e2e/ui-backlog.test.ts) lets the test
// say what the server sent and when the link dropped.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventNames, type EventName } from '../../../shared/api.js';
import { connect } from '../../../renderer/src/api/connection.js';

class StandInEventSource {
  static last: StandInEventSource;
  private listeners = new Map<string, Array<(msg: { data?: string }) => void>>();
  constructor(readonly url: string) {
    StandInEventSource.last = this;
  }
  addEventListener(type: string, listener: (msg: { data?: string }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  fire(type: string, data?: unknown) {
    for (const l of this.listeners.get(type) ?? []) l(data === undefined ? {} : { data: JSON.stringify(data) });
  }
}

function page() {
  const storage = new Map<string, string>();
  return {
    location: { hash: '#token=t0k', href: 'http://127.0.0.1:8788/' },
    sessionStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) },
    history: { replaceState: () => {} },
    fetch: () => Promise.reject(new Error('no server here')),
    requestAnimationFrame: (run: () => void) => setTimeout(run, 0),
  } as unknown as Window;
}

afterEach(() => vi.unstubAllGlobals());

describe('the browser connection', () => {
  it('names the skipped events when the server sends resync, and every event after a reconnect', () => {
    vi.stubGlobal('EventSource', StandInEventSource);
    const connection = connect(page())!;
    const told: Array<readonly EventName[]> = [];
    connection.onResync((missed) => told.push(missed));
    const source = StandInEventSource.last;
    expect(source.url).toBe('http://127.0.0.1:8788/api/events?token=t0k');

    source.fire('open'); // the first open is not a reconnect
    source.fire('resync', { skipped: { deliveryReceived: 1200, sendAttempt: 0 } });
    source.fire('error');
    source.fire('open');
    expect(told).toEqual([['deliveryReceived'], [...eventNames]]);
  });
});
