// The deliveries room of the store's declared interface (store-interface.ts): types only. Readers get
// records the store decodes from its rows (delivery-view.ts), never the rows themselves.
import type Database from 'better-sqlite3';
import type { CapturedRequest, DeliveryDetail, DeliverySummary, GivenResponse, Problem, SignResult } from '../../../shared/model.js';
import type { NewDelivery } from './deliveries.js';
import type { PreparedDerived } from './derived-columns.js';
import type { RetryPosition } from './retry-position.js';

/** A value as the store keeps it, deflated (packed-json.ts): only the store's decoders read it. */
export type Packed<T> = Buffer & { readonly [packedValue]: T };
declare const packedValue: unique symbol;

/**
 * A stored delivery, plain data: what arrived (the capture without its body, which `body(id)` reads)
 * and what ingest made of it (`kind: 'pending'` until the deriver has run). The calls' status counts
 * are the inbox's: `summary(id)` has them.
 */
export interface StoredDelivery extends Omit<CapturedRequest, 'body'>, Omit<DeliverySummary, 'callee' | 'callId' | 'statusSummary'> {
  contentType: string | null;
  contentEncoding: string | null;
  charset: string | null;
  planName: string | null;
  /** The answer given; `responseStatus` is its status. */
  response: GivenResponse;
  /**
   * Problems and Sign's detail as stored, deflated: `problemsOf(d)` and `signDetailOf(d)`
   * (delivery-view.ts) inflate them. Inflating one costs more than decoding the rest of the row, and
   * most readers (an export paging through every delivery) need one or neither.
   */
  packed: { problems: Packed<Problem[]>; sign: Packed<SignResult> };
}

/** What a delivery detail shows beside its retry group and calls (the service adds those). */
export type DeliveryDetailBase = Omit<DeliveryDetail, 'retryGroup' | 'calls'>;

/** A delivery still waiting for ingest, as the deriver reads it. */
export type PendingDelivery = Pick<StoredDelivery, 'id' | 'receivedAt' | 'endpoint' | 'headers' | 'truncated' | 'size'>;

/** One arrival of a body among its vendor retries. */
export type RetryArrival = Pick<StoredDelivery, 'id' | 'receivedAt' | 'attempt' | 'responseStatus'>;

/** What an export of a delivery weighs, read without the rest of it: the stored body's size and its headers' length as JSON. */
export interface DeliveryExtent {
  id: number;
  receivedAt: number;
  size: number;
  headersJsonLength: number;
}

export interface DeliveryReads {
  get(id: number): StoredDelivery | undefined;
  /** As the inbox lists it. */
  summary(id: number): DeliverySummary | undefined;
  detail(id: number): DeliveryDetailBase | undefined;
  extent(id: number): DeliveryExtent | undefined;
  /** The stored bytes. */
  body(id: number): Buffer | undefined;
  /** The first delivery of a body (`rootId`) and its retries, oldest first. */
  retryGroup(rootId: number): RetryArrival[];
  /** The newest delivery still waiting for ingest (0: none). */
  lastPendingId(): number;
  /**
   * Deliveries still waiting for ingest after `afterId`, oldest first, with their bodies: up to
   * `maxBytes` of them (at least one delivery), read as one snapshot.
   */
  pendingWithBodies(afterId: number, maxRows: number, maxBytes: number): Array<{ delivery: PendingDelivery; body: Buffer }>;
  /** The oldest delivery still waiting for ingest after `afterId`, or null. */
  firstPendingAfter(afterId: number): number | null;
}

export interface DeliveryWrites {
  /**
   * Records a live delivery as it arrived, before ingest (the receiver's hot path); `decide` picks
   * the answer once the retry position is known, in the same transaction.
   */
  recordRaw(
    c: CapturedRequest,
    decide: (p: RetryPosition) => GivenResponse,
  ): { id: number; position: RetryPosition; response: GivenResponse };
  /** Reads the retry window now (at start, before the receiver listens) instead of at the first arrival. */
  warmRetryWindow(): void;
  /** Several live deliveries in one transaction (group commit), each in its own savepoint (`failed` is told). */
  recordBatch<T>(items: T[], one: (item: T) => void, failed: (item: T, error: unknown) => void): void;
  /** Derived results of several deliveries in one transaction; returns the ids that were pending. */
  applyDerivedBatch(items: PreparedDerived[]): number[];
  /**
   * Derived results from `items[from]` on, in one transaction, for as long as `budgetMs` (at least
   * one): how many were written, and the ids of those that were pending.
   */
  applyDerivedFor(items: PreparedDerived[], from: number, budgetMs: number): { count: number; ids: number[] };
  /** The answer given, once known after the commit (relay: the target's answer). */
  setResponse(id: number, response: GivenResponse): void;
  /** Writes an exported delivery back; `created: false` when the same capture is already stored. */
  restore: Database.Transaction<
    (d: NewDelivery, response: GivenResponse, retryOf: number | null, attempt: number) => { id: number; created: boolean }
  >;
}

export interface DeliveryStore extends DeliveryReads, DeliveryWrites {}
