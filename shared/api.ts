// The one contract between the renderer and the core: every operation with its input schema and
// output type, and every event. The HTTP adapter, the IPC adapter and the clients are derived from
// this table; adding an operation is one entry here plus its implementation in the service.
import { z } from 'zod';
import {
  deliveryFilter,
  endpointConfig,
  endpointName,
  generateOptions,
  id,
  requestEdits,
  retryPolicy,
  sendOptions,
  signChoice,
  settingsInput,
  targetUrl,
  type Page,
  type RawBody,
  type Settings,
  type Stats,
} from './api-schemas.js';

export * from './api-schemas.js';
export type { ChainAttempt, ForwardStatus } from './model.js';
export * from './transfer-api.js';
export * from './api-results.js';
export * from './api-events.js';
import type { BulkPreview, EndpointNames, FixtureZip, InboxCount, ServerInfo } from './api-results.js';
import type { ApiEvents, EventName } from './api-events.js';
import {
  exportPageInput,
  fixturePageInput,
  importFixturesInput,
  importNdjsonInput,
  type FixtureBatchReport,
  type FixturePage,
  type HarPage,
  type ImportBatchReport,
  type NdjsonPage,
} from './transfer-api.js';
import { searchString } from './search-syntax.js';
import { diffSource } from './diff/diff-source.js';
import type { BodyDiff } from './diff/body-diff.js';
import type {
  CallDetail,
  ChainAttempt,
  ForwardStatus,
  CurlCommand,
  DeliveryDetail,
  DeliverySummary,
  EndpointConfig,
  GeneratedCallback,
  HarLog,
  JobInfo,
  JobPlan,
  ResendDraft,
  CallSummary,
  SendAttempt,
  SendAttemptDetail,
} from './model.js';

const jobId = id;

/** How many deliveries a bulk re-send by filter sends when it is given no `limit`: the oldest ones. */
export const BULK_RESEND_LIMIT = 10_000;
/** The deliveries a bulk re-send takes: `ids` in this order, or those matching `filter`, oldest first, at most `limit`. */
const bulkSelection = {
  ids: z.array(id).min(1).max(100_000).optional(),
  filter: deliveryFilter.optional(),
  limit: z.number().int().min(1).max(100_000).default(BULK_RESEND_LIMIT),
};

/** An operation: its input schema and (type-only) output. */
interface Op<I extends z.ZodType, O> {
  input: I;
  output?: O;
}
const op =
  <O>() =>
  <I extends z.ZodType>(input: I): Op<I, O> => ({ input });

export const operations = {
  listDeliveries: op<Page<DeliverySummary>>()(
    z
      .object({
        filter: deliveryFilter.default({}),
        cursor: z.string().max(100).optional(),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
  ),
  /**
   * The inbox at a position, for a list as tall as its total: of the deliveries matching `filter` with
   * an id up to `upTo` (countDeliveries' `newestId`, so that arrivals since do not move the rows),
   * newest first, `limit` of them from `position` (0: the newest) on; fewer past the end. `total` (that
   * count) and `near` (rows the caller holds, by position) let the core step from the nearest.
   */
  listDeliveriesAt: op<DeliverySummary[]>()(
    z
      .object({
        filter: deliveryFilter.default({}),
        upTo: z.number().int().nonnegative(),
        position: z.number().int().nonnegative(),
        limit: z.number().int().min(1).max(1000).default(100),
        total: z.number().int().nonnegative().optional(),
        near: z
          .array(z.object({ position: z.number().int().nonnegative(), id }).strict())
          .max(4)
          .optional(),
      })
      .strict(),
  ),
  /**
   * How many deliveries match the filter: the exact number, what the inbox shows above its pages.
   * `newerThan`: also how many of them have a larger id (an earlier count's `newestId`).
   */
  countDeliveries: op<InboxCount>()(
    z.object({ filter: deliveryFilter.default({}), newerThan: z.number().int().nonnegative().optional() }).strict(),
  ),
  getDelivery: op<DeliveryDetail | null>()(z.object({ id }).strict()),
  getRawBody: op<RawBody | null>()(z.object({ id }).strict()),
  getCall: op<CallDetail | null>()(z.object({ deliveryId: id, index: z.number().int().min(0) }).strict()),
  findCalls: op<CallSummary[]>()(
    z
      .object({
        callId: z.string().max(200).optional(),
        callee: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
  ),
  getChain: op<ChainAttempt[]>()(
    z
      .object({
        callee: z.string().min(1).max(200),
        taskId: z.string().max(200).optional(),
        /** How to read zone-less RedailCall times: minutes east of UTC (480 = UTC+8). */
        redialOffsetMinutes: z.number().int().min(-840).max(840).default(0),
      })
      .strict(),
  ),
  listEndpoints: op<EndpointConfig[]>()(z.object({}).strict()),
  /** Every endpoint name there is something for: `default`, the configured ones, and the ones deliveries arrived at unconfigured (`/hooks/<name>/`). */
  listEndpointNames: op<EndpointNames>()(z.object({}).strict()),
  putEndpoint: op<EndpointConfig>()(endpointConfig),
  deleteEndpoint: op<{ deleted: boolean }>()(z.object({ name: endpointName }).strict()),
  getSettings: op<Settings>()(z.object({}).strict()),
  putSettings: op<Settings>()(settingsInput),
  stats: op<Stats>()(z.object({ filter: deliveryFilter.default({}), buckets: z.number().int().min(1).max(500).default(60) }).strict()),
  info: op<ServerInfo>()(z.object({}).strict()),

  // Re-send. Jobs run in the core; their attempts arrive as `sendAttempt` events and in `listSends`.
  resendDraft: op<ResendDraft | null>()(z.object({ deliveryId: id }).strict()),
  resend: op<JobInfo>()(
    z
      .object({
        deliveryId: id.optional(),
        ...requestEdits,
        ...sendOptions,
      })
      .strict()
      .refine((v) => v.deliveryId !== undefined || v.body !== undefined, 'give deliveryId or body'),
  ),
  bulkResend: op<JobInfo>()(
    z
      .object({
        ...bulkSelection,
        concurrency: z.number().int().min(1).max(256).default(8),
        ...sendOptions,
      })
      .strict()
      .refine((v) => (v.ids === undefined) !== (v.filter === undefined), 'give ids or filter (one of them)'),
  ),
  /** What bulkResend with the same selection sends: how many, and the first few in sending order. */
  bulkResendPreview: op<BulkPreview>()(
    z
      .object({
        ...bulkSelection,
        first: z.number().int().min(0).max(100).default(5),
      })
      .strict()
      .refine((v) => (v.ids === undefined) !== (v.filter === undefined), 'give ids or filter (one of them)'),
  ),
  /** Sends again, as they were sent, the items of a job whose last attempt failed. */
  resendFailed: op<JobInfo>()(
    z
      .object({
        jobId,
        /** Default: each item's original target. */
        to: targetUrl.optional(),
        concurrency: z.number().int().min(1).max(256).default(8),
        retry: retryPolicy.optional(),
        timeoutMs: sendOptions.timeoutMs,
      })
      .strict(),
  ),
  replayChain: op<JobInfo>()(
    z
      .object({
        /** The callee's deliveries (calls and RedailCall mentions), or `ids`. */
        callee: z.string().min(1).max(200).optional(),
        taskId: z.string().max(200).optional(),
        ids: z.array(id).min(1).max(10_000).optional(),
        /** Divide the original gaps by this; `max`: no waiting. */
        speed: z.union([z.number().positive().max(1_000_000), z.literal('max')]).default(1),
        /**
         * The gaps and order to keep: `arrival` (when each delivery reached the receiver) or `call-time`
         * (when its first call started: generated and imported chains arrived all at once).
         */
        spacing: z.enum(['arrival', 'call-time']).default('arrival'),
        ...sendOptions,
      })
      .strict()
      .refine((v) => (v.callee === undefined) !== (v.ids === undefined), 'give callee or ids (one of them)'),
  ),
  generate: op<GeneratedCallback[]>()(
    z.object({ ...generateOptions, calls: generateOptions.calls.unwrap().max(1000).default(10) }).strict(),
  ),
  sendGenerated: op<JobInfo>()(
    z
      .object({
        ...generateOptions,
        concurrency: z.number().int().min(1).max(256).default(8),
        to: targetUrl,
        retry: retryPolicy.optional(),
        timeoutMs: sendOptions.timeoutMs,
      })
      .strict(),
  ),
  getJob: op<JobInfo | null>()(z.object({ jobId }).strict()),
  /** When a chain job sends each of its deliveries (offsets from its first send); empty for other jobs. */
  jobPlan: op<JobPlan | null>()(z.object({ jobId }).strict()),
  listJobs: op<JobInfo[]>()(z.object({ limit: z.number().int().min(1).max(1000).default(50) }).strict()),
  cancelJob: op<JobInfo | null>()(z.object({ jobId }).strict()),
  /** Attempts, newest first: of a delivery, of a job, or all. */
  listSends: op<SendAttempt[]>()(
    z
      .object({
        deliveryId: id.optional(),
        jobId: jobId.optional(),
        /** With jobId: only each item's last attempt, where it was not delivered (the items resendFailed sends again). */
        failed: z.boolean().optional(),
        /** Only attempts with a smaller id (paging). */
        before: id.optional(),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict()
      .refine((v) => !v.failed || v.jobId !== undefined, 'failed lists the failed items of a job: give jobId'),
  ),
  getSend: op<SendAttemptDetail | null>()(z.object({ id }).strict()),

  // Forward on arrival (docs/FORWARD.md): configured per endpoint (`forward` in putEndpoint).
  /** How an endpoint's forwards stand, by state. */
  forwardStatus: op<ForwardStatus>()(z.object({ endpoint: endpointName }).strict()),
  /** Forwards once, oldest first, what failed or arrived while paused (to the current target). */
  forwardCatchUp: op<JobInfo>()(z.object({ endpoint: endpointName }).strict()),
  copyAsCurl: op<CurlCommand | null>()(
    z
      .object({
        deliveryId: id.optional(),
        sendId: id.optional(),
        /** For a delivery: where to send it (default: where it arrived). */
        to: targetUrl.optional(),
        /**
         * For a delivery, the re-send form's input: given any of these, the command sends exactly what
         * `resend` with the same input sends (its default headers, the edits, the new signature), less
         * the re-send mark, which names a job. Given none, the delivery as it arrived, every header.
         */
        ...requestEdits,
        sign: signChoice.optional(),
        allowTruncated: z.boolean().optional(),
      })
      .strict()
      .refine((v) => (v.deliveryId === undefined) !== (v.sendId === undefined), 'give deliveryId or sendId (one of them)')
      .refine(
        (v) => v.sendId === undefined || !hasRequestEdits(v),
        'an attempt is copied as it was sent: give body, method, headers, sign or allowTruncated only with deliveryId',
      ),
  ),
  /** The `export` NDJSON (one line per delivery, shared/export-format.ts) of a selection, oldest first. */
  exportNdjson: op<string>()(
    z
      .object({
        ids: z.array(id).min(1).max(10_000).optional(),
        filter: deliveryFilter.optional(),
        limit: z.number().int().min(1).max(10_000).default(1000),
      })
      .strict(),
  ),
  exportHar: op<HarLog>()(
    z
      .object({
        ids: z.array(id).min(1).max(10_000).optional(),
        filter: deliveryFilter.optional(),
        limit: z.number().int().min(1).max(10_000).default(1000),
      })
      .strict(),
  ),
  /** The next page of an export (shared/transfer-api.ts): what `export` and the inbox's download page through. */
  exportNdjsonPage: op<NdjsonPage>()(exportPageInput),
  /** The next page of a HAR export: its entries, which the caller writes into one HAR document. */
  exportHarPage: op<HarPage>()(exportPageInput),
  /** Which of these ids are not stored (in the order given). */
  missingDeliveries: op<{ missing: number[] }>()(z.object({ ids: z.array(id).min(1).max(10_000) }).strict()),
  /** Reads a batch of `export` NDJSON lines into the store (bodies checked, derived again; the same capture twice is skipped). */
  importNdjson: op<ImportBatchReport>()(importNdjsonInput),
  /** Structural JSON diff of two bodies, path by path (docs/DIFF.md); text or bytes when a side is not JSON. */
  diffBodies: op<BodyDiff>()(z.object({ a: diffSource, b: diffSource }).strict()),
  /**
   * Long poll for QA (docs/SEARCH.md): the first delivery with id > `after` (default: arriving after
   * the call starts) matching `match` (the search language) or `filter`, in arrival order, or
   * `{timedOut, after}` (pass `after` back to keep waiting from the same point).
   */
  waitForDelivery: op<DeliveryDetail | { timedOut: true; after: number }>()(
    z
      .object({
        match: searchString.optional(),
        filter: deliveryFilter.optional(),
        after: z.number().int().nonnegative().optional(),
        /** Required: how long to wait at most (10 minutes at most; 0 looks once). */
        timeoutMs: z.number().int().min(0).max(600_000),
      })
      .strict()
      .refine((v) => v.match === undefined || v.filter === undefined, 'give match or filter, not both'),
  ),
  /**
   * The fixture folder of a selection (docs/FIXTURES.md: one NAME.json per delivery, NAME.body when
   * needed, scenario.json) as a .zip, base64; unzipped, it is what `fixtures import` reads.
   */
  exportFixtures: op<FixtureZip>()(
    z
      .object({
        ids: z.array(id).min(1).max(10_000).optional(),
        filter: deliveryFilter.optional(),
        limit: z.number().int().min(1).max(10_000).default(1000),
      })
      .strict(),
  ),
  /** The next page of a fixture folder (its files and scenario lines); `fixtures export` writes them. */
  exportFixturePage: op<FixturePage>()(fixturePageInput),
  /** Reads a batch of fixtures (read from their folder by the caller) into the store; the same capture twice is skipped. */
  importFixtures: op<FixtureBatchReport>()(importFixturesInput),
} as const;

/** Whether a copyAsCurl input asks for the re-send form's request rather than the delivery as it arrived. */
export function hasRequestEdits(v: {
  body?: unknown;
  method?: unknown;
  headers?: unknown;
  sign?: unknown;
  allowTruncated?: unknown;
}): boolean {
  return (
    v.body !== undefined || v.method !== undefined || v.headers !== undefined || v.sign !== undefined || v.allowTruncated !== undefined
  );
}

export type Operations = typeof operations;
export type OpName = keyof Operations;
/** What a caller passes (defaults may be omitted). */
export type OpInput<K extends OpName> = z.input<Operations[K]['input']>;
/** What the service receives (after validation and defaults). */
export type OpArgs<K extends OpName> = z.output<Operations[K]['input']>;
export type OpOutput<K extends OpName> = Exclude<Operations[K]['output'], undefined>;

/** What the Electron preload exposes on `window.callbackInspector`: the client plus event subscription. */
export type ApiBridge = ApiClient & {
  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
};

/** What a transport passes an operation beside its input: `signal` aborts when its caller leaves (a closed HTTP request, a closed window). */
export interface OpContext {
  signal?: AbortSignal;
}
/** The core implements this; every host exposes it. */
export type ApiService = { [K in OpName]: (args: OpArgs<K>, context?: OpContext) => Promise<OpOutput<K>> };
/** What the renderer calls, whatever the transport. */
export type ApiClient = { [K in OpName]: (input: OpInput<K>) => Promise<OpOutput<K>> };

/** A validation failure at the boundary, whatever the transport. */
export class ApiInputError extends Error {
  constructor(
    readonly op: string,
    readonly issues: Array<{ path: string; message: string }>,
  ) {
    super(`invalid input for ${op}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
  }
}

export function parseInput<K extends OpName>(name: K, input: unknown): OpArgs<K> {
  const result = operations[name].input.safeParse(input ?? {});
  if (!result.success) {
    throw new ApiInputError(
      name,
      result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return result.data as OpArgs<K>;
}

export function isOpName(name: string): name is OpName {
  return Object.prototype.hasOwnProperty.call(operations, name);
}

/** A client that validates each input as a transport would, then calls the service in-process. */
export function validatingClient(service: ApiService): ApiClient {
  const client: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of Object.keys(operations) as OpName[]) {
    const run = service[name] as (args: unknown) => Promise<unknown>;
    client[name] = async (input) => run(parseInput(name, input));
  }
  return client as ApiClient;
}
