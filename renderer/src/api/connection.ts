// The one place the app gets its API from. Inside Electron the preload's bridge is the client; in a
// browser against `serve` it is HTTP + Server-Sent Events. Screens never know which.
import { eventNames, type ApiClient, type ApiEvents, type EventName, type ResyncNotice } from '../../../shared/api.js';
import { createBatcher } from './batcher.js';
import { createHttpClient } from '../../../shared/http-client.js';
import { takeToken } from './token.js';
import './bridge.js';

export type LinkState = 'live' | 'reconnecting';

export interface Connection {
  api: ApiClient;
  transport: 'electron' | 'http';
  /** Events arrive in batches, at most one per animation frame. */
  on<E extends EventName>(event: E, listener: (batch: Array<ApiEvents[E]>) => void): () => void;
  onLinkState(listener: (state: LinkState) => void): () => void;
  /**
   * Events of these kinds may have been missed (the link was down, or the core skipped them while
   * this page read too slowly): whoever shows a list fed by one refetches it.
   */
  onResync(listener: (missed: readonly EventName[]) => void): () => void;
}

type Listeners = { [E in EventName]: Set<(batch: Array<ApiEvents[E]>) => void> };

/** Null when running in a browser without a token: the page was not opened from `serve`'s ui URL. */
export function connect(win: Window): Connection | null {
  const listeners = Object.fromEntries(eventNames.map((e) => [e, new Set()])) as unknown as Listeners;
  const linkListeners = new Set<(state: LinkState) => void>();
  const resyncListeners = new Set<(missed: readonly EventName[]) => void>();
  const frame = (run: () => void) => void win.requestAnimationFrame(run);
  const batchers = Object.fromEntries(
    eventNames.map((e) => [e, createBatcher((batch: unknown[]) => listeners[e].forEach((l) => l(batch as never)), frame)]),
  ) as { [E in EventName]: ReturnType<typeof createBatcher<ApiEvents[E]>> };
  const on: Connection['on'] = (event, listener) => {
    listeners[event].add(listener);
    return () => void listeners[event].delete(listener);
  };
  const onLinkState = (listener: (state: LinkState) => void) => {
    linkListeners.add(listener);
    return () => void linkListeners.delete(listener);
  };
  const onResync = (listener: (missed: readonly EventName[]) => void) => {
    resyncListeners.add(listener);
    return () => void resyncListeners.delete(listener);
  };
  const resync = (missed: readonly EventName[]) => resyncListeners.forEach((l) => l(missed));

  const bridge = win.callbackInspector;
  if (bridge) {
    for (const e of eventNames) bridge.on(e, (payload) => batchers[e].push(payload as never));
    return { api: bridge, transport: 'electron', on, onLinkState, onResync };
  }

  const token = takeToken({
    hash: win.location.hash,
    storage: win.sessionStorage,
    replaceHash: (hash) => win.history.replaceState(null, '', hash),
  });
  if (!token) return null;
  const baseUrl = new URL('.', win.location.href).href;
  const api = createHttpClient({ baseUrl, token, fetch: (url, init) => win.fetch(url, init) });
  const source = new EventSource(new URL(`api/events?token=${encodeURIComponent(token)}`, baseUrl).href);
  for (const e of eventNames) {
    source.addEventListener(e, (msg) => batchers[e].push(JSON.parse((msg as MessageEvent<string>).data)));
  }
  source.addEventListener('resync', (msg) => {
    const notice = JSON.parse((msg as MessageEvent<string>).data) as ResyncNotice;
    resync(eventNames.filter((e) => (notice.skipped[e] ?? 0) > 0));
  });
  // EventSource reconnects by itself; anything may have been missed while the link was down.
  let state: LinkState = 'live';
  const setState = (next: LinkState) => {
    if (next === state) return;
    state = next;
    linkListeners.forEach((l) => l(next));
    if (next === 'live') resync(eventNames);
  };
  source.addEventListener('error', () => setState('reconnecting'));
  source.addEventListener('open', () => setState('live'));
  return { api, transport: 'http', on, onLinkState, onResync };
}
