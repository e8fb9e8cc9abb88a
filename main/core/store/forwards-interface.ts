// The forwarding room of the store's declared interface (store-interface.ts): types only. Rows are
// decoded in forwards.ts (docs/FORWARD.md).
import type { ForwardConfig, ForwardState } from '../../../shared/model.js';

/** Where one delivery's forward stands. */
export interface StoredForward {
  deliveryId: number;
  endpoint: string;
  mode: ForwardConfig['mode'];
  /** The URL it is forwarded to. */
  target: string;
  state: ForwardState;
  updatedAt: number;
}

export interface ForwardStore {
  /** Called inside the receiver's transaction, beside the delivery. */
  add(deliveryId: number, endpoint: string, mode: ForwardConfig['mode'], target: string, state: ForwardState, at: number): void;
  setState(deliveryId: number, state: ForwardState, at: number): void;
  of(deliveryId: number): StoredForward | undefined;
  /** The endpoint's deliveries by forwarding state. */
  counts(endpoint: string): Record<ForwardState, number>;
  /** Deliveries whose forward failed or was skipped while paused, oldest first. */
  missed(endpoint: string, limit: number): number[];
  /**
   * At start: forwards that were under way when the last process stopped count as failed, and a
   * delivery whose relay was cut off says `relay-interrupted` (no answer was given) instead of `relaying`.
   * Returns how many forwards were under way.
   */
  interruptPending(at: number): number;
}
