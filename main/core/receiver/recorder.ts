// The receiver's handler: store the delivery as it arrived, decide the answer, commit, answer. The
// deliveries that arrive in one turn of the event loop share one transaction (group commit); ingest
// happens afterwards, off this path (main/core/derive), and so does tee forwarding.
import type { CapturedRequest, EndpointConfig, GivenResponse } from '../../../shared/model.js';
import type { Forwarder, RelayOutcome } from '../forward/forwarder.js';
import type { Answer, BodyCut } from './http-server.js';
import { answerBody, contractAnswer, decideResponse } from './respond-policy.js';
import type { Store } from '../store/index.js';

export interface RecorderDeps {
  store: Store;
  endpoint: (name: string) => EndpointConfig | undefined;
  /** Deliveries up to this id are committed (the deriver's cue). */
  onCommitted: (lastId: number) => void;
  forwarder: Forwarder;
  random?: () => number;
  /**
   * Told once, of the first usable X-Forwarded-Host (as an origin), so the UI can offer the tunnel's
   * public URL; later requests cannot change what is offered, and are not scanned for it.
   */
  onForwardedHost?: (origin: string) => void;
  /** Hears a forward that failed by a bug (the vendor still gets its answer). */
  onError?: (error: unknown) => void;
}

interface Arrival {
  captured: CapturedRequest;
  cut: BodyCut;
  resolve: (answer: Answer) => void;
  reject: (error: unknown) => void;
  id?: number;
  answer?: Answer;
  /** Set when the delivery is forwarded (not paused): after the commit, tee or relay it. */
  forward?: { endpoint: EndpointConfig; relayFallback: GivenResponse | null };
}

/** Body bytes one group commit writes, at most (a single larger delivery is committed alone). */
export const COMMIT_BYTES = 16 * 1024 * 1024;

/** A commit that failed busy within this long had not waited for the lock: it is tried again, BUSY_RETRY_MS later, up to BUSY_TRIES in all. */
const BUSY_AT_ONCE_MS = 1_000;
const BUSY_RETRY_MS = 10;
const BUSY_TRIES = 3;

/** What a relayed delivery's row says until the target has answered. */
const RELAYING: GivenResponse = { status: null, delayMs: 0, hung: false, reason: 'relaying' };

export function createRecorder(deps: RecorderDeps) {
  const random = deps.random ?? Math.random;
  const { store } = deps;
  let queue: Arrival[] = [];
  let forwardedHostWanted = true;

  const recordOne = (a: Arrival) => {
    const endpoint = deps.endpoint(a.captured.endpoint);
    const behaviour = endpoint?.response ?? contractAnswer;
    const tunnel = a.captured.method === 'CONNECT';
    const forward = a.cut === 'none' && !tunnel ? endpoint?.forward : undefined;
    const relaying = forward?.mode === 'relay' && !forward.paused;
    let relayFallback: GivenResponse | null = null;
    const { id, response } = store.deliveries.recordRaw(a.captured, (position): GivenResponse => {
      if (a.cut === 'over-limit') return { status: 413, delayMs: 0, hung: false, reason: 'too-large' };
      if (a.cut === 'aborted') return { status: null, delayMs: 0, hung: false, reason: 'aborted' };
      // A 2xx would tell the client its tunnel is open; the receiver records requests, it does not proxy.
      if (tunnel) return { status: 501, delayMs: 0, hung: false, reason: 'connect' };
      const own = decideResponse(behaviour, position.attempt, random());
      if (!relaying) return own;
      relayFallback = own;
      return RELAYING;
    });
    if (forward) {
      store.forwards.add(id, endpoint!.name, forward.mode, forward.url, forward.paused ? 'paused' : 'pending', a.captured.receivedAt);
      if (!forward.paused) a.forward = { endpoint: endpoint!, relayFallback };
    }
    a.id = id;
    if (response.reason === 'too-large') {
      a.answer = answer(413, JSON.stringify({ error: 'body too large; its head was recorded' }), 'application/json', id, 0);
    } else if (response.reason === 'connect') {
      a.answer = answer(501, JSON.stringify({ error: 'CONNECT is recorded, not tunnelled' }), 'application/json', id, 0);
    } else if (!relaying) {
      const { body, contentType } = answerBody(behaviour, response);
      a.answer = answer(response.status, body, contentType, id, response.delayMs);
    }
    return id;
  };

  // The answer given and the forward's state together: the start-up mend (forwards.interruptPending)
  // finds a relay cut off by a kill through its still-pending forward.
  const settleRelay = store.db.transaction((id: number, given: GivenResponse, state: RelayOutcome['state']) => {
    store.deliveries.setResponse(id, given);
    store.forwards.setState(id, state, Date.now());
  });

  const relay = async (a: Arrival, endpoint: EndpointConfig, fallback: GivenResponse): Promise<Answer> => {
    const id = a.id!;
    // A bug in forwarding must not cost the vendor its answer: it gets the endpoint's own.
    const { answer: relayed, state } = await deps.forwarder.relay(id, endpoint, a.captured).catch((error: unknown): RelayOutcome => {
      deps.onError?.(error);
      return { answer: null, state: 'failed' };
    });
    const given: GivenResponse = relayed
      ? { status: relayed.status, delayMs: 0, hung: false, reason: 'relayed' }
      : { ...fallback, reason: 'relay-fallback' };
    if (store.db.open) settleRelay(id, given, state);
    if (relayed) return answer(relayed.status, relayed.body, relayed.contentType ?? 'application/octet-stream', id, 0);
    const { body, contentType } = answerBody(endpoint.response, fallback);
    return answer(given.status, body, contentType, id, given.delayMs);
  };

  const flush = () => {
    // One commit writes at most COMMIT_BYTES of bodies (and at least one delivery): one transaction
    // of forty 33 MB bodies had held the receiver's thread 9.5 s. The rest commit in the next turns,
    // with the event loop free in between to answer and read.
    let bytes = 0;
    let n = 0;
    while (n < queue.length && (n === 0 || bytes + queue[n]!.captured.body.byteLength <= COMMIT_BYTES))
      bytes += queue[n++]!.captured.body.byteLength;
    const batch = n === queue.length ? queue : queue.slice(0, n);
    queue = n === queue.length ? [] : queue.slice(n);
    if (queue.length > 0) setImmediate(flush);
    commit(batch, 1);
  };

  const commit = (batch: Arrival[], tries: number) => {
    let lastId = 0;
    const failed = new Map<Arrival, unknown>();
    const started = performance.now();
    try {
      store.deliveries.recordBatch(
        batch,
        (a) => (lastId = recordOne(a)),
        (a, error) => failed.set(a, error),
      );
    } catch (error) {
      // Busy at once, without waiting out the store's busy timeout: the checkpointer restarting the
      // WAL at that moment (seen under a flood). Tried again shortly rather than answered 500.
      if (isBusy(error) && performance.now() - started < BUSY_AT_ONCE_MS && tries < BUSY_TRIES) {
        setTimeout(() => commit(batch, tries + 1), BUSY_RETRY_MS);
        return;
      }
      // The commit itself failed: nothing of this batch is stored, so nobody may be told 200.
      for (const a of batch) a.reject(error);
      return;
    }
    if (lastId > 0) deps.onCommitted(lastId);
    for (const a of batch) {
      if (forwardedHostWanted && deps.onForwardedHost) {
        const origin = forwardedOrigin(a.captured.headers);
        if (origin) {
          forwardedHostWanted = false;
          deps.onForwardedHost(origin);
        }
      }
      if (failed.has(a)) {
        a.reject(failed.get(a));
        continue;
      }
      const f = a.forward;
      if (f?.relayFallback) {
        void relay(a, f.endpoint, f.relayFallback).then(a.resolve, a.reject);
        continue;
      }
      a.resolve(a.answer!);
      if (f) void deps.forwarder.tee(a.id!, f.endpoint, a.captured).catch((error: unknown) => deps.onError?.(error));
    }
  };

  return (captured: CapturedRequest, cut: BodyCut): Promise<Answer> =>
    new Promise<Answer>((resolve, reject) => {
      queue.push({ captured, cut, resolve, reject });
      // The first arrival of a turn schedules the commit; the rest of the turn joins it.
      if (queue.length === 1) setImmediate(flush);
    });
}

const isBusy = (error: unknown) => String((error as { code?: unknown } | null)?.code).startsWith('SQLITE_BUSY');

function answer(status: number | null, body: string | Uint8Array, contentType: string, id: number, delayMs: number): Answer {
  return { status, body, delayMs, headers: { 'content-type': contentType, 'x-callback-inspector-delivery': String(id) } };
}

/** The origin a tunnel's X-Forwarded-Host (and -Proto) names, or null when there is none usable. */
function forwardedOrigin(headers: Array<[string, string]>): string | null {
  let host: string | undefined;
  let proto = 'https';
  for (const [name, value] of headers) {
    const n = name.toLowerCase();
    // A proxy appends to what the client sent: the last entry is the one the tunnel wrote.
    if (n === 'x-forwarded-host') host = value.split(',').at(-1)!.trim();
    else if (n === 'x-forwarded-proto') proto = value.split(',').at(-1)!.trim();
  }
  if (!host || !/^[A-Za-z0-9.-]+(:\d+)?$/.test(host)) return null;
  const url = `${proto === 'http' ? 'http' : 'https'}://${host}`;
  // One not parseable as a URL (a port past 65535) is not offered.
  return URL.canParse(url) ? new URL(url).origin : null;
}
