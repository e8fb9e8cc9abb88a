// The calls room of the store's declared interface (store-interface.ts): a delivery's calls
// (Details[] entries) and redials (RedailCall[] entries), types only; decoded from rows in calls.ts.
import type { CallSummary, RedialSummary } from '../../../shared/model.js';

export interface CallStore {
  /** The first `limit` calls of a delivery (all by default), in `Details` order. */
  ofDelivery(deliveryId: number, limit?: number): CallSummary[];
  at(deliveryId: number, index: number): CallSummary | undefined;
  redialsOf(deliveryId: number, index: number): RedialSummary[];
  /** Calls by CallID (newest delivery first) or by callee number (latest start first). */
  find(q: { callId?: string | undefined; callee?: string | undefined; limit: number }): CallSummary[];
  /** Every call and redial of one callee number, across the vendor's deliveries (not this app's re-sends to itself). */
  ofCallee(callee: string): { calls: CallSummary[]; redials: RedialSummary[] };
  /** When a delivery arrived; 0 when it is not stored. */
  deliveryReceivedAt(deliveryId: number): number;
}
