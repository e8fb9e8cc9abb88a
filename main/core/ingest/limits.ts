// How much of one body ingest reads and indexes. A sender chooses the shape of a body, so every
// step whose work grows with it has a cap that does not: past a cap the delivery is still stored
// byte for byte, indexed up to the cap and flagged with a problem naming what was cut.
import { MAX_BUILT_VALUES } from '../../../shared/json/lossless-parse.js';

export interface IngestLimits {
  /** JSON values built per body (scalars and containers); the rest is checked for syntax only. */
  maxValues: number;
  /** `Details[]` entries indexed as calls (listed, searchable, in chains). */
  maxCalls: number;
  /** `RedailCall[]` entries indexed per call. */
  maxRedialsPerCall: number;
  /** `AsrResult[]` turns per call read into the search text. */
  maxTranscriptTurns: number;
  /** Call and redial rows per delivery, together. */
  maxDerivedRows: number;
}

/**
 * Well above what the vendor sends (one call a notification, a handful of redials) and above what a
 * body under the 32 MB limit holds when its calls are real (~26,000 calls of the seed's size), so a
 * real body is never cut; a hostile one costs at most ~10 MB of index rows.
 */
export const DEFAULT_INGEST_LIMITS: IngestLimits = {
  maxValues: MAX_BUILT_VALUES,
  maxCalls: 50_000,
  maxRedialsPerCall: 1_000,
  maxTranscriptTurns: 10_000,
  maxDerivedRows: 100_000,
};

export function ingestLimits(overrides: Partial<IngestLimits> | undefined): IngestLimits {
  return { ...DEFAULT_INGEST_LIMITS, ...overrides };
}
