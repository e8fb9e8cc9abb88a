// The API's events: what the core announces (hosts forward them: SSE, IPC), and which a client that
// missed some may refetch instead.
import type { DeliverySummary, JobInfo, SendAttempt } from './model.js';

export interface ApiEvents {
  deliveryReceived: DeliverySummary;
  /** Each re-send attempt, as it finishes. */
  sendAttempt: SendAttempt;
  /** A job started, progressed (at most ~10 per second) or finished. */
  jobProgress: JobInfo;
  /**
   * Deliveries stored but not yet read (derived): lists and `deliveryReceived` show them once read.
   * During a burst this grows, since reading waits until the burst eases. Sent at most ~4 times a
   * second; 0 once caught up.
   */
  backlog: { pending: number };
}
export type EventName = keyof ApiEvents;
export const eventNames: readonly EventName[] = ['deliveryReceived', 'sendAttempt', 'jobProgress', 'backlog'];
/** Events that only say that a list grew: a client that may have missed some refetches the list. */
export const refetchableEvents: readonly EventName[] = ['deliveryReceived', 'sendAttempt'];
/**
 * SSE only (`event: resync`): a reader that fell behind was sent none of these refetchable events,
 * how many of each, until it caught up. It refetches the lists they feed, as after a reconnect.
 */
export interface ResyncNotice {
  skipped: Partial<Record<EventName, number>>;
}
