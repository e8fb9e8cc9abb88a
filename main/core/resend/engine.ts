// The re-send engine: turns the API's re-send requests into jobs (single, bulk, failed-again, chain
// replay, generated) over one keep-alive transport. Every attempt is stored by the job runner.
// Bad input is rejected before a job starts (ResendInputError), with the field it concerns.
import type { OpArgs, RetryPolicy } from '../../../shared/api.js';
import type { JobInfo, ResendDraft } from '../../../shared/model.js';
import { startMs } from '../../../shared/call-time.js';
import { generateCallbacks } from '../generate/call-end.js';
import type { EventBus } from '../events/event-bus.js';
import type { Store } from '../store/index.js';
import { chainOffsets } from './chain-schedule.js';
import { createTransport, type Transport } from './http-send.js';
import { JobRunner, type AttemptResult, type JobContext } from './jobs.js';
import { draftOf, loadOriginal, truncatedRefusal } from './originals.js';
import { resendRequest } from './resend-request.js';
import { runPool } from './pool.js';
import { buildRequest, type BuiltRequest } from './request.js';
import { RESEND_MARK, signedMark } from '../store/resend-mark.js';
import { sleep, withRetries } from './retry-policy.js';

export class ResendInputError extends Error {
  constructor(
    /** The input field at fault, e.g. `deliveryId`, `sign`. */
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ResendEngine {
  runner: JobRunner;
  /** `base`: where the draft's default target lives (see default-target.ts); none, no default target. */
  draft(deliveryId: number, base?: string | null): ResendDraft | null;
  resend(a: OpArgs<'resend'>): JobInfo;
  bulk(a: OpArgs<'bulkResend'>): JobInfo;
  resendFailed(a: OpArgs<'resendFailed'>): JobInfo;
  replayChain(a: OpArgs<'replayChain'>): JobInfo;
  sendGenerated(a: OpArgs<'sendGenerated'>): JobInfo;
  /** Cancels running jobs, waits for them to record their end, closes connections. */
  close(): Promise<void>;
}

interface Target {
  item: number;
  deliveryId: number | null;
  url: string;
  request: Pick<BuiltRequest, 'method' | 'headers' | 'body'>;
}

export interface ResendEngineDeps {
  store: Store;
  events: EventBus;
  /** Hears what goes wrong outside a request (attempts that could not be stored). */
  onError: (error: unknown) => void;
  transport?: Transport;
  /** Whether a target URL is this app's own receiver: requests to it are marked as re-sends. */
  isOwnReceiver?: (url: string) => boolean;
}

export function createResendEngine(deps: ResendEngineDeps): ResendEngine {
  const { store } = deps;
  const transport = deps.transport ?? createTransport();
  const runner = new JobRunner(store, deps.events, deps.onError);
  /** When a delivery's first call started (its zone, else UTC: only the gaps between them matter), or null. */
  const callStart = (deliveryId: number): number | null => startMs(store.calls.ofDelivery(deliveryId, 1)[0]?.startTime ?? null, 0);

  /** One item: its attempts under the policy, then its outcome. */
  const sendItem = async (job: JobContext, t: Target, retry: RetryPolicy | undefined, timeoutMs: number): Promise<AttemptResult | null> => {
    const { method, body } = t.request;
    // Its own mark only (a stored copy's or one given with -H is replaced), so its attempts group as one.
    // Only a stored delivery sent again is a re-send: generated callbacks and bodies from a file are
    // new traffic, and a receiver must take them as the vendor's (retries, chains).
    const headers =
      t.deliveryId !== null && deps.isOwnReceiver?.(t.url)
        ? [
            ...t.request.headers.filter(([n]) => n.toLowerCase() !== RESEND_MARK.toLowerCase()),
            [RESEND_MARK, signedMark(`job ${job.id} item ${t.item}`, body, store.resendSecret.ensure())] as [string, string],
          ]
        : t.request.headers;
    const last = await withRetries(
      async (attempt) => {
        const outcome = await transport.send({ url: t.url, method, headers, body, timeoutMs, signal: job.signal });
        return job.record({ item: t.item, deliveryId: t.deliveryId, attempt, url: t.url, method, body, outcome });
      },
      retry,
      job.signal,
      (dueAt) => job.waiting(t.item, dueAt),
    );
    // Cancelled before its first attempt: not an outcome, just not done.
    if (last !== null || !job.signal.aborted) job.itemDone(last);
    return last;
  };

  return {
    runner,

    draft(deliveryId, base) {
      const original = loadOriginal(store, deliveryId);
      return original ? draftOf(original, base ?? null) : null;
    },

    resend(a) {
      const built = resendRequest(store, a);
      if (!built.ok) throw new ResendInputError(built.field, built.error);
      const target: Target = { item: 0, deliveryId: a.deliveryId ?? null, url: a.to, request: built.request };
      const what = a.deliveryId !== undefined ? `delivery #${a.deliveryId}${a.body ? ' (edited)' : ''}` : 'a body';
      const { body: _body, ...spec } = a;
      return runner.start(
        'resend',
        `${what} → ${a.to}${policyNote(a.retry)}`,
        spec,
        1,
        async (job) => void (await sendItem(job, target, a.retry, a.timeoutMs)),
      );
    },

    bulk(a) {
      const ids = a.ids ?? store.selection.idsMatching(a.filter ?? {}, a.limit);
      if (ids.length === 0) throw new ResendInputError('filter', 'no delivery matches the filter');
      return runner.start('bulk', `${ids.length} deliveries → ${a.to}${policyNote(a.retry)}`, { ...a, ids }, ids.length, (job) =>
        runPool(ids, a.concurrency, job.signal, async (deliveryId, item) => {
          const built = resendRequest(store, { deliveryId, sign: a.sign, allowTruncated: a.allowTruncated });
          if (!built.ok) return job.itemDone(null, `#${deliveryId}: ${built.error}`);
          await sendItem(job, { item, deliveryId, url: a.to, request: built.request }, a.retry, a.timeoutMs);
        }),
      );
    },

    resendFailed(a) {
      if (!store.sends.job(a.jobId)) throw new ResendInputError('jobId', `there is no job #${a.jobId}`);
      const failed = store.sends.failedRequests(a.jobId);
      if (failed.length === 0) throw new ResendInputError('jobId', `job #${a.jobId} has no failed items`);
      const label = `${failed.length} failed of job #${a.jobId} → ${a.to ?? 'their targets'}${policyNote(a.retry)}`;
      return runner.start('retry-failed', label, a, failed.length, (job) =>
        runPool(failed, a.concurrency, job.signal, async (r, item) => {
          // The stored Host belongs to the stored URL; the transport writes the right one.
          const headers = r.headers.filter(([n]) => n.toLowerCase() !== 'host');
          await sendItem(
            job,
            { item, deliveryId: r.deliveryId, url: a.to ?? r.url, request: { method: r.method, headers, body: r.body } },
            a.retry,
            a.timeoutMs,
          );
        }),
      );
    },

    replayChain(a) {
      const ids = a.ids ?? store.selection.idsMatching({ callee: a.callee, ...(a.taskId ? { taskId: a.taskId } : {}) }, 10_000);
      if (ids.length === 0)
        throw new ResendInputError(a.callee ? 'callee' : 'ids', `no stored delivery mentions callee ${a.callee ?? ''}`.trim());
      // Built up front: a chain that breaks halfway would show the endpoint a sequence that never happened.
      const byCallTime = a.spacing === 'call-time';
      const items = ids
        .map((id) => {
          const original = loadOriginal(store, id);
          return { id, original, at: byCallTime ? callStart(id) : (original?.receivedAt ?? 0) };
        })
        // A callee's chain is the vendor's deliveries: copies this app re-sent to itself are not (chosen ids are sent as chosen).
        .filter(({ original }) => !(a.callee && original?.resend))
        .sort((x, y) => (x.at ?? 0) - (y.at ?? 0) || x.id - y.id);
      if (items.length === 0) throw new ResendInputError('callee', `only this app's own re-sends mention callee ${a.callee}`);
      const targets: Target[] = items.map(({ id, original }, item) => {
        if (!original) throw new ResendInputError('ids', `there is no delivery #${id}`);
        if (byCallTime && items[item]!.at === null)
          throw new ResendInputError('spacing', `delivery #${id} has no call with a readable CallStartTime: space it by arrival instead`);
        const refusal = a.allowTruncated ? null : truncatedRefusal(original);
        if (refusal) throw new ResendInputError('allowTruncated', refusal);
        const built = buildRequest({ original, sign: a.sign });
        if (!built.ok) throw new ResendInputError('sign', `delivery #${id}: ${built.error}`);
        return { item, deliveryId: id, url: a.to, request: built.request };
      });
      const offsets = chainOffsets(
        items.map((i) => i.at!),
        a.speed,
      );
      const label = `chain ${a.callee ?? `of ${ids.length} deliveries`} (${targets.length} deliveries, ${a.speed === 'max' ? 'no waits' : `${a.speed}×`}${byCallTime ? ' by call time' : ''}) → ${a.to}`;
      return runner.start('chain', label, { ...a, ids: items.map((i) => i.id), offsets }, targets.length, async (job) => {
        // Each send starts its original gap (scaled) after the previous one started, and never before
        // the previous one ended: the endpoint sees at least the original spacing, in the original order.
        let previous = performance.now();
        for (const [i, target] of targets.entries()) {
          const wait = previous + (offsets[i]! - (offsets[i - 1] ?? 0)) - performance.now();
          if (wait > 0 && !(await sleep(wait, job.signal))) return;
          if (job.signal.aborted) return;
          previous = performance.now();
          await sendItem(job, target, a.retry, a.timeoutMs);
        }
      });
    },

    sendGenerated(a) {
      const label = `${a.calls} generated calls (seed ${a.seed}, chains of ${a.redials}) → ${a.to}${policyNote(a.retry)}`;
      const items = generateCallbacks({
        calls: a.calls,
        redials: a.redials,
        seed: a.seed,
        key: a.key,
        scheme: a.scheme,
        startAt: a.startAt,
      });
      return runner.start('generate', label, a, a.calls, (job) =>
        runPool(items, a.concurrency, job.signal, async (g, item) => {
          await sendItem(
            job,
            { item, deliveryId: null, url: a.to, request: { method: 'POST', headers: g.headers, body: Buffer.from(g.body, 'utf8') } },
            a.retry,
            a.timeoutMs,
          );
        }),
      );
    },

    async close() {
      await runner.close();
      transport.close();
    },
  };
}

function policyNote(retry: RetryPolicy | undefined): string {
  if (!retry) return '';
  const every = retry.intervalMs / retry.timeScale;
  return `, vendor retries: ${retry.maxRetries} × every ${every >= 1000 ? `${every / 1000} s` : `${every} ms`}`;
}
