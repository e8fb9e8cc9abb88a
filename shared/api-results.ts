// What the API's operations answer, where no model shape fits: the shapes of shared/api.ts's
// operations table that are its own (counts, previews, server facts).
import type { DeliverySummary } from './model.js';

export interface InboxCount {
  total: number;
  /** The newest delivery's id when counted (0: none): every delivery counted has an id up to it. */
  newestId: number;
  /** Given `newerThan`: how many of those counted have a larger id. */
  newer?: number;
}

export interface BulkPreview {
  /** How many deliveries bulkResend sends for this selection. */
  count: number;
  /** The filter matches more than `limit`: only the oldest `limit` are sent. */
  more: boolean;
  /** The first ones (`first` of them) in sending order; a chosen id that no longer exists is left out. */
  first: DeliverySummary[];
}

/** A fixture folder zipped: `fileName` is the suggested download name (`<folder>.zip`). */
export interface FixtureZip {
  fileName: string;
  fixtures: number;
  zipBase64: string;
}

export interface EndpointNames {
  /** `default` first, then the others by name: what an endpoint filter offers. */
  names: string[];
  /** Of those, the ones with a stored configuration; the others answer 200 and check Sign with the vendor's default KEY. */
  configured: string[];
}

export interface ServerInfo {
  version: string;
  receiverUrl: string;
  /** Public tunnel URL as the user confirmed it (settings.publicUrl); null until then. */
  publicUrl: string | null;
  /**
   * The first X-Forwarded-Host seen since start (with X-Forwarded-Proto), as an origin: offered for
   * the user to confirm as the public URL, never used as one (any sender can write the header).
   */
  suggestedPublicUrl: string | null;
  dataDir: string;
  /** The receiver's limits (docs/SECURITY.md), what they hold now and what they turned away since the start. */
  receiverLimits: ReceiverLimits;
}

/** Sizes in bytes; 0 means no cap. */
export interface ReceiverLimits {
  bodyLimit: number;
  inflightBudget: number;
  /** Body bytes of requests received and not yet committed. */
  inflightBytes: number;
  /** Requests answered 503 because the in-flight budget was full: not recorded, the sender retries them. */
  refusedBusy: number;
  maxConnections: number;
  connections: number;
  /** Connections closed to stay under the cap (the one waiting longest for its client, or the newcomer). */
  connectionsClosed: number;
  walLimit: number;
}
