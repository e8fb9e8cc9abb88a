// What the app and the body reader's process tell each other (body-reader.ts). A job names
// what to read (ids, a diff's sides), never carries a stored body: the reader's process reads bodies
// from the store itself, so the API's thread neither copies them nor decodes them.
import type { DeliveryFilter, FixturePage, FixtureZip, HarPage, NdjsonPage, RawBody } from '../../../shared/api.js';
import type { BodyDiff } from '../../../shared/diff/body-diff.js';
import type { DiffSource } from '../../../shared/diff/diff-source.js';
import type { HarLog } from '../../../shared/model.js';
import type { FixturePageSelection, PageSelection } from '../transfer/export-pages.js';
import type { ReadLine } from '../transfer/import-ndjson.js';
import type { IngestResult } from '../ingest/types.js';
import type { CapturedRequest } from '../../../shared/model.js';

/** Which deliveries an export holds: the ids given, else the filter's newest `limit`. */
export interface Selection {
  ids?: number[] | undefined;
  filter?: DeliveryFilter | undefined;
  limit: number;
}

export type BodyJob =
  /** Two bodies compared (diffBodies). */
  | { type: 'diff'; a: DiffSource; b: DiffSource }
  /** One Details entry of a delivery as lossless JSON text (getCall). */
  | { type: 'call'; deliveryId: number; index: number }
  /** A stored body, its bytes and decoded text (getRawBody). */
  | { type: 'raw'; id: number }
  /** Exports built whole for one answer (exportNdjson, exportHar, exportFixtures); `base`: HAR's URLs. */
  | ({ type: 'ndjson' } & Selection)
  | ({ type: 'har'; base: string | null } & Selection)
  | ({ type: 'fixtures' } & Selection)
  /** Pages of an export (export-pages.ts): bounded however large the selection. */
  | ({ type: 'ndjson-page' } & PageSelection)
  | ({ type: 'har-page'; base: string | null } & PageSelection)
  | ({ type: 'fixture-page' } & FixturePageSelection)
  /** `export` lines read, checked and derived again, for importNdjson to store (import-ndjson.ts). */
  | { type: 'import-lines'; lines: string[]; firstLine: number }
  /** Captures derived with this store's endpoints, for importFixtures to store. */
  | { type: 'ingest'; captures: Array<Pick<CapturedRequest, 'body' | 'truncated' | 'headers' | 'endpoint' | 'receivedAt'>> };

export interface BodyJobResults {
  diff: BodyDiff;
  /** null: the delivery has no such entry (or no body). */
  call: { json: string } | null;
  raw: RawBody | null;
  ndjson: string;
  har: HarLog;
  fixtures: FixtureZip;
  'ndjson-page': NdjsonPage;
  'har-page': HarPage;
  'fixture-page': FixturePage;
  'import-lines': ReadLine[];
  ingest: IngestResult[];
}

export type ToBodyReader = { type: 'job'; id: number; job: BodyJob } | { type: 'stop' };

export type FromBodyReader =
  /** The thread has loaded and waits for jobs: a job's time counts from here, not from the thread's start. */
  | { type: 'ready' }
  | { type: 'done'; id: number; result: unknown }
  /**
   * The job's input names something that is not there (an ApiInputError), or asks for more than a
   * result may carry (a BodyRefusal, `plain`): the caller's 400.
   */
  | { type: 'refused'; id: number; op: string; issues: Array<{ path: string; message: string }>; plain: boolean }
  /** The job threw (`name`: the error's class, e.g. RangeError for a string past V8's length). The thread is still usable. */
  | { type: 'failed'; id: number; name: string; message: string };
