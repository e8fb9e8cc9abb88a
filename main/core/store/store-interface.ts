// The store's declared interface: what the rest of the core may ask of the SQLite file, types only
// (storeOver in index.ts is checked against it). Every read answers with domain records (camelCase,
// JSON and packed columns decoded by the store), never with a row: a table's columns can change
// without its readers knowing. One room a table or concern; the big ones have their own file.
import type { DeliveryFilter, Page, Settings, Stats } from '../../../shared/api.js';
import type { DeliverySummary, EndpointConfig } from '../../../shared/model.js';
import type { CallStore } from './calls-interface.js';
import type { Db } from './db.js';
import type { DeliveryStore, StoredDelivery } from './deliveries-interface.js';
import type { ForwardStore } from './forwards-interface.js';
import type { InboxPositions } from './inbox-position.js';
import type { SendStore } from './sends-interface.js';

export interface EndpointStore {
  /** The configured endpoints, in name order. */
  list(): EndpointConfig[];
  put(config: EndpointConfig): void;
  /** False when there was no such endpoint. */
  remove(name: string): boolean;
  /** Endpoint names deliveries arrived at, configured or not, in name order. */
  seen(): string[];
}

export interface SettingsStore {
  /** The settings, defaults filled in. */
  get(): Settings;
  /** Saves the given settings and returns them all. */
  put(patch: Partial<Settings>): Settings;
}

/** The data directory's secret that signs this app's re-sends to itself (receiver/resend-mark.ts). */
export interface ResendSecret {
  /** The secret, or null while nothing on this data directory has ever re-sent to itself. */
  current(): Buffer | null;
  /** The secret, made at the first re-send to this app's own receiver. */
  ensure(): Buffer;
}

/** Which deliveries a bulk re-send, a chain replay or an export takes: the inbox's filter, oldest first. */
export interface SelectionQueries {
  /** Ids matching `filter`, oldest first, at most `limit`; only ids above `afterId` when given (paging). */
  idsMatching(filter: DeliveryFilter, limit: number, afterId?: number | null): number[];
  /** In arrival order (receivedAt, then id), after `after` when given: a fixture folder's order. */
  arrivalsMatching(
    filter: DeliveryFilter,
    limit: number,
    after: { receivedAt: number; id: number } | null,
  ): Array<{ id: number; receivedAt: number }>;
  countMatching(filter: DeliveryFilter): number;
}

export interface Store {
  /**
   * The connection itself: for what spans rooms in one transaction (the receiver's relay settle),
   * the checkpointer, and whether it is still open. Reads and writes go through the rooms.
   */
  db: Db;
  deliveries: DeliveryStore;
  calls: CallStore;
  endpoints: EndpointStore;
  forwards: ForwardStore;
  settings: SettingsStore;
  resendSecret: ResendSecret;
  sends: SendStore;
  selection: SelectionQueries;
  /** The inbox: a filtered page of summaries, newest first, from `cursor` (the previous page's nextCursor). */
  list(filter: DeliveryFilter, limit: number, cursor?: string): Page<DeliverySummary>;
  /** The inbox's count, and its rows by position (inbox-position.ts). */
  inbox: InboxPositions;
  stats(filter: DeliveryFilter, buckets: number): Stats;
  /** Every delivery, oldest first, in pages so that a large store is never held in memory. */
  allDeliveries(): Iterable<StoredDelivery>;
  /** Deliveries the user's retention settings exclude, oldest first. */
  expiredIds(s: Settings, now: number): number[];
  /** Deletes these deliveries (with their calls, bodies, search entries) in one transaction. */
  removeDeliveries(ids: number[]): void;
  /** Folds the WAL back into the main file: on shutdown, so the file alone is a complete copy. */
  checkpoint(): void;
  close(): void;
}
