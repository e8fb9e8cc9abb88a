// Forward on arrival (docs/FORWARD.md). Tee: after the commit, send the delivery to the endpoint's
// target with its retry policy; the vendor's answer never waits. Relay: the vendor's answer is the
// target's, or the endpoint's own after a failure or `timeoutMs`. Every attempt is a re-send attempt
// in a long-lived `forward` job per endpoint, so the attempt log and the delivery's sends show it.
import type { CapturedRequest, EndpointConfig, ForwardConfig, ForwardState, JobInfo } from '../../../shared/model.js';
import type { HttpOutcome, Transport } from '../resend/http-send.js';
import type { JobContext, JobRunner } from '../resend/jobs.js';
import { withRetries } from '../resend/retry-policy.js';
import type { Store } from '../store/index.js';
import { forwardRequest, type ForwardRequest } from './forward-request.js';

/** A target's answer, as relay passes it on. */
export interface RelayedAnswer {
  status: number;
  contentType: string | null;
  body: Buffer;
}

export interface RelayOutcome {
  answer: RelayedAnswer | null;
  state: 'delivered' | 'failed';
}

export class ForwardInputError extends Error {}

export interface Forwarder {
  /** Tee: forwards in the background; resolves when the delivery's forwarding is settled (tests, shutdown). */
  tee(deliveryId: number, endpoint: EndpointConfig, captured: CapturedRequest): Promise<ForwardState>;
  /**
   * Relay: one attempt within the configured timeout; `answer` is null when the target failed or was
   * too slow. The forward's state is not written here: the caller writes it with the answer it gave,
   * in one transaction, so that a kill in between cannot leave one without the other.
   */
  relay(deliveryId: number, endpoint: EndpointConfig, captured: CapturedRequest): Promise<RelayOutcome>;
  /** Sends once, in arrival order, what failed or was skipped while paused. */
  catchUp(endpoint: EndpointConfig): JobInfo;
  /** The endpoint's forwarding changed: its job ends, the next delivery starts a new one. */
  reconfigured(endpoints: EndpointConfig[]): void;
  /** From now on nothing new is sent (tee: counted failed, for catch-up; relay: the fallback answer). */
  beginClose(): void;
  /** Waits for forwards in flight (their jobs are cancelled by the resend engine's close). */
  close(): Promise<void>;
}

interface ForwardJob {
  context: JobContext;
  config: ForwardConfig;
  items: number;
  end: () => void;
}

/**
 * Tee forwards under way per endpoint, at most. The rest wait in arrival order, holding only their
 * delivery id: an app that is down, with a retry policy, would otherwise hold every body of a burst
 * in memory and as many open connections.
 */
export const TEE_CONCURRENCY = 8;

export function createForwarder(deps: { store: Store; runner: JobRunner; transport: Transport; teeConcurrency?: number }): Forwarder {
  const { store, runner, transport } = deps;
  const teeConcurrency = deps.teeConcurrency ?? TEE_CONCURRENCY;
  const jobs = new Map<string, ForwardJob>();
  const inFlight = new Set<Promise<unknown>>();
  const teeSlots = new Map<string, { busy: number; waiting: Array<() => void> }>();
  /** One of the endpoint's tee slots (its release): at once when one is free, else when one frees. */
  const teeSlot = (endpoint: string): (() => void) | Promise<() => void> => {
    let slots = teeSlots.get(endpoint);
    if (!slots) teeSlots.set(endpoint, (slots = { busy: 0, waiting: [] }));
    const s = slots;
    const release = () => {
      const next = s.waiting.shift();
      if (next) next();
      else if (--s.busy === 0) teeSlots.delete(endpoint);
    };
    if (s.busy < teeConcurrency) {
      s.busy++;
      return release;
    }
    return new Promise((resolve) => s.waiting.push(() => resolve(release)));
  };
  /** A delivery's forward request read back from the store (a tee that waited its turn, catch-up). */
  const storedRequest = (deliveryId: number): ForwardRequest | null => {
    const delivery = store.db.open ? store.deliveries.get(deliveryId) : undefined;
    const body = store.db.open ? store.deliveries.body(deliveryId) : undefined;
    if (!delivery || !body) return null;
    return forwardRequest(deliveryId, { method: delivery.method, headers: delivery.headers, body });
  };
  const catchingUp = new Set<string>();
  let closing = false;

  const jobFor = (endpoint: EndpointConfig): ForwardJob => {
    const config = endpoint.forward!;
    const current = jobs.get(endpoint.name);
    if (current && sameTarget(current.config, config)) return current;
    current?.end();
    let entry!: ForwardJob;
    runner.start(
      'forward',
      `forward ${endpoint.name} → ${config.url} (${config.mode})`,
      { endpoint: endpoint.name, ...config },
      0,
      (context) =>
        new Promise<void>((resolve) => {
          const end = () => {
            if (jobs.get(endpoint.name) === entry) jobs.delete(endpoint.name);
            resolve();
          };
          entry = { context, config, items: 0, end };
          context.signal.addEventListener('abort', end, { once: true });
        }),
    );
    jobs.set(endpoint.name, entry);
    return entry;
  };

  const attempt = async (
    job: ForwardJob,
    item: number,
    deliveryId: number,
    url: string,
    request: ForwardRequest,
    timeoutMs: number,
    n: number,
  ) => {
    const outcome: HttpOutcome = await transport.send({ url, ...request, timeoutMs, signal: job.context.signal });
    return {
      outcome,
      result: job.context.record({ item, deliveryId, attempt: n, url, method: request.method, body: request.body, outcome }),
    };
  };

  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    return p;
  };

  const settle = (deliveryId: number, state: ForwardState) => {
    if (store.db.open) store.forwards.setState(deliveryId, state, Date.now());
    return state;
  };

  /** One at a time, oldest first: the app sees them in the order the vendor sent them. */
  const catchUpEach = async (job: JobContext, ids: number[], config: ForwardConfig) => {
    for (const [item, deliveryId] of ids.entries()) {
      if (job.signal.aborted) return;
      const request = storedRequest(deliveryId);
      if (!request) {
        job.itemDone(null, `#${deliveryId}: removed by retention`);
        continue;
      }
      const outcome = await transport.send({ url: config.url, ...request, timeoutMs: config.timeoutMs, signal: job.signal });
      const result = job.record({ item, deliveryId, attempt: 1, url: config.url, method: request.method, body: request.body, outcome });
      job.itemDone(result);
      if (result.errorClass !== 'cancelled') settle(deliveryId, result.ok ? 'delivered' : 'failed');
    }
  };

  return {
    tee(deliveryId, endpoint, captured) {
      // Arrived during shutdown: a job started now would outlive the engine that cancels jobs.
      if (closing) return Promise.resolve(settle(deliveryId, 'failed'));
      const job = jobFor(endpoint);
      const item = job.items++;
      job.context.setTotal(job.items);
      const { url, retry, timeoutMs } = job.config;
      const slot = teeSlot(endpoint.name);
      // Built now only when it can go now: a waiting tee keeps its id, not the body.
      const now = typeof slot === 'function' ? forwardRequest(deliveryId, captured) : null;
      return track(
        (async () => {
          const release = await slot;
          try {
            // While it waited: shutdown or a change of target ended its job; catch-up sends it later.
            if (closing || job.context.signal.aborted) return settle(deliveryId, 'failed');
            const request = now ?? storedRequest(deliveryId);
            if (!request) {
              job.context.itemDone(null, `#${deliveryId}: removed by retention`);
              return settle(deliveryId, 'failed');
            }
            const last = await withRetries(
              async (n) => (await attempt(job, item, deliveryId, url, request, timeoutMs, n)).result,
              retry,
              job.context.signal,
            );
            job.context.itemDone(last);
            return settle(deliveryId, last?.ok ? 'delivered' : 'failed');
          } finally {
            release();
          }
        })(),
      );
    },

    relay(deliveryId, endpoint, captured) {
      if (closing) return Promise.resolve({ answer: null, state: 'failed' });
      const job = jobFor(endpoint);
      const item = job.items++;
      job.context.setTotal(job.items);
      const request = forwardRequest(deliveryId, captured);
      return track(
        (async () => {
          const { outcome, result } = await attempt(job, item, deliveryId, job.config.url, request, job.config.timeoutMs, 1);
          job.context.itemDone(result);
          // Any HTTP answer is the app's answer, 500 included: that is what relay is for. The app has
          // the delivery (the vendor's retry brings it again), so catch-up must not send it once more.
          const answered = outcome.status !== null && outcome.errorClass === null;
          const state = answered ? 'delivered' : 'failed';
          if (!answered || outcome.responseTruncated) return { answer: null, state };
          const contentType = outcome.responseHeaders.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? null;
          return { answer: { status: outcome.status!, contentType, body: outcome.responseBody }, state };
        })(),
      );
    },

    catchUp(endpoint) {
      const config = endpoint.forward;
      if (!config) throw new ForwardInputError(`endpoint ${endpoint.name} does not forward; set its forward target first`);
      // Two catch-ups at once (a double click, the UI and a script) would each send the same ones.
      if (catchingUp.has(endpoint.name)) throw new ForwardInputError(`a catch-up of ${endpoint.name} is already running`);
      const ids = store.forwards.missed(endpoint.name, 100_000);
      if (ids.length === 0) throw new ForwardInputError(`endpoint ${endpoint.name} has nothing to catch up: no failed or paused forwards`);
      const label = `catch up ${ids.length} forwards of ${endpoint.name} → ${config.url}`;
      catchingUp.add(endpoint.name);
      return runner.start('forward-catch-up', label, { endpoint: endpoint.name, ids }, ids.length, async (job) => {
        try {
          await catchUpEach(job, ids, config);
        } finally {
          catchingUp.delete(endpoint.name);
        }
      });
    },

    reconfigured(endpoints) {
      const byName = new Map(endpoints.map((e) => [e.name, e]));
      for (const [name, job] of jobs) {
        const now = byName.get(name)?.forward;
        if (!now || now.paused || !sameTarget(job.config, now)) job.end();
      }
    },

    beginClose() {
      closing = true;
    },

    async close() {
      closing = true;
      await Promise.allSettled([...inFlight]);
      for (const job of [...jobs.values()]) job.end();
    },
  };
}

function sameTarget(a: ForwardConfig, b: ForwardConfig): boolean {
  return a.url === b.url && a.mode === b.mode && a.timeoutMs === b.timeoutMs && JSON.stringify(a.retry) === JSON.stringify(b.retry);
}
