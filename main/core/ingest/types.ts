// What ingest derives from a captured body. The store indexes it; the deriver (main/core/derive)
// computes it after the receiver has committed the raw delivery.
import type { IngestLimits } from './limits.js';
import type { CallSummary, DeliveryKind, EndpointConfig, Problem, RedialSummary, SignResult } from '../../../shared/model.js';

export interface IngestInput {
  /** The stored bytes (still content-encoded, e.g. gzip). */
  body: Uint8Array;
  truncated: boolean;
  /** Raw header pairs in arrival order. */
  headers: Array<[string, string]>;
  /** The endpoint's KEY and Sign scheme; null when the endpoint is not configured. */
  endpoint: Pick<EndpointConfig, 'key' | 'sign'> | null;
  /** When it arrived (epoch ms): signed timestamps are checked against it. Default: now. */
  receivedAt?: number | undefined;
  /** How much of the body is read and indexed (limits.ts); default DEFAULT_INGEST_LIMITS. */
  limits?: Partial<IngestLimits> | undefined;
}

/** A RedailCall[] entry as indexed: the summary the API gives, before it is tied to a stored delivery. */
export type RedialIndexRow = Omit<RedialSummary, 'deliveryId' | 'callIndex'>;

/** A Details[] entry as indexed, with its redials. */
export type CallIndexRow = Omit<CallSummary, 'deliveryId' | 'taskId' | 'redialCount'> & { redials: RedialIndexRow[] };

export interface IngestResult {
  kind: DeliveryKind;
  /** Finer recognition (`call-end`, `pds-envelope`, `workflow-status`, ...) or null. */
  shape: string | null;
  contentType: string | null;
  contentEncoding: string | null;
  /** Charset used to decode the text (after BOM sniffing / declared charset). */
  charset: string | null;
  problems: Problem[];
  sign: SignResult;
  taskId: string | null;
  taskName: string | null;
  planName: string | null;
  calls: CallIndexRow[];
  /** Text for the full-text index: names, numbers, transcript, labels, comments (bounded). */
  searchText: string;
}
