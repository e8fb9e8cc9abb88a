// The re-send operations of the API contract (shared/api.ts), over the resend engine. Spread into
// the service by createService; bad input found here (a missing delivery, a body that cannot be
// re-signed) becomes an ApiInputError, which every transport reports as a 400 with its field.
import { ApiInputError, hasRequestEdits, type ApiService } from '../../../shared/api.js';
import { generateCallbacks } from '../generate/call-end.js';
import { curlOfAttempt, curlOfDelivery, curlOfResend } from '../resend/copy-as-curl.js';
import { ResendInputError, type ResendEngine } from '../resend/engine.js';
import type { Store } from '../store/index.js';

export type ResendOpName =
  | 'resendDraft'
  | 'resend'
  | 'bulkResend'
  | 'bulkResendPreview'
  | 'resendFailed'
  | 'replayChain'
  | 'generate'
  | 'sendGenerated'
  | 'getJob'
  | 'jobPlan'
  | 'listJobs'
  | 'cancelJob'
  | 'listSends'
  | 'getSend'
  | 'copyAsCurl';
export type ResendOps = Pick<ApiService, ResendOpName>;

export interface ResendOpsDeps {
  store: Store;
  engine: ResendEngine;
  /** Where a delivery goes when no target is named (see defaultBase in resend/default-target.ts). */
  defaultBase: () => string | null;
}

export function createResendOps({ store, engine, defaultBase }: ResendOpsDeps): ResendOps {
  /** Runs `start`, turning rejected input into the transport-neutral input error. */
  const guard = <T>(op: string, start: () => T): T => {
    try {
      return start();
    } catch (error) {
      if (error instanceof ResendInputError) throw new ApiInputError(op, [{ path: error.path, message: error.message }]);
      throw error;
    }
  };

  return {
    async resendDraft({ deliveryId }) {
      return engine.draft(deliveryId, defaultBase());
    },
    async resend(args) {
      return guard('resend', () => engine.resend(args));
    },
    async bulkResend(args) {
      return guard('bulkResend', () => engine.bulk(args));
    },
    async bulkResendPreview({ ids, filter, limit, first }) {
      // The same selection as the engine's bulk, one more to know whether the filter matches more.
      const chosen = ids ?? store.selection.idsMatching(filter ?? {}, limit + 1);
      const count = ids ? ids.length : Math.min(chosen.length, limit);
      const summaries = chosen.slice(0, first).map((id) => store.deliveries.summary(id));
      return { count, more: !ids && chosen.length > limit, first: summaries.filter((s) => s !== undefined) };
    },
    async resendFailed(args) {
      return guard('resendFailed', () => engine.resendFailed(args));
    },
    async replayChain(args) {
      return guard('replayChain', () => engine.replayChain(args));
    },
    async generate(args) {
      return [...generateCallbacks(args)];
    },
    async sendGenerated(args) {
      return guard('sendGenerated', () => engine.sendGenerated(args));
    },
    async getJob({ jobId }) {
      return engine.runner.get(jobId);
    },
    async jobPlan({ jobId }) {
      if (!engine.runner.get(jobId)) return null;
      // Chain jobs keep their schedule in their spec (engine.replayChain): ids and offsets, in sending order.
      const spec = store.sends.spec(jobId) as { ids?: unknown; offsets?: unknown } | null;
      const ids = Array.isArray(spec?.ids) ? (spec.ids as number[]) : [];
      const offsets = Array.isArray(spec?.offsets) ? (spec.offsets as number[]) : [];
      return { items: ids.map((deliveryId, i) => ({ deliveryId, offsetMs: offsets[i] ?? 0 })) };
    },
    async listJobs({ limit }) {
      return engine.runner.list(limit);
    },
    async cancelJob({ jobId }) {
      return engine.runner.cancel(jobId);
    },
    async listSends(q) {
      return store.sends.list(q);
    },
    async getSend({ id }) {
      return store.sends.detail(id) ?? null;
    },
    async copyAsCurl({ deliveryId, sendId, to, ...edits }) {
      const result =
        sendId !== undefined
          ? curlOfAttempt(store, sendId)
          : hasRequestEdits(edits)
            ? curlOfResend(store, { ...edits, deliveryId: deliveryId!, sign: edits.sign ?? { mode: 'keep' } }, to, defaultBase())
            : curlOfDelivery(store, deliveryId!, to, defaultBase());
      if (result.ok) return result.curl;
      // A missing record is "nothing there" (null), as getDelivery answers; the rest is bad input.
      if (result.field === 'deliveryId' || result.field === 'sendId') return null;
      throw new ApiInputError('copyAsCurl', [{ path: result.field, message: result.error }]);
    },
  };
}
