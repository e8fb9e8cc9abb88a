// The one contract between the renderer and the core: every operation with its input schema and
// output type, and every event. The HTTP adapter, the IPC adapter and the clients are derived from
// this table; adding an operation is one entry here plus its implementation in the service.
import { z } from 'zod';
import type {
  CallDetail,
  CurlCommand,
  DeliveryDetail,
  DeliverySummary,
  EndpointConfig,
  GeneratedCallback,
  HarLog,
  JobInfo,
  RedialSummary,
  ResendDraft,
  CallSummary,
  SendAttempt,
  SendAttemptDetail,
} from './model.js';

const id = z.number().int().positive();
const epochMs = z.number().int().nonnegative();
const endpointName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, _ . - (at most 64), starting with a letter or digit');

export const deliveryFilter = z
  .object({
    endpoint: endpointName.optional(),
    kind: z.enum(['call-end', 'json', 'not-json']).optional(),
    hasProblems: z.enum(['errors', 'warnings', 'none']).optional(),
    sign: z.enum(['verified', 'mismatch', 'not-checked']).optional(),
    from: epochMs.optional(),
    to: epochMs.optional(),
    /** Full-text search over names, numbers, transcript, labels, comments. */
    text: z.string().max(500).optional(),
    callId: z.string().max(200).optional(),
    callee: z.string().max(200).optional(),
    taskId: z.string().max(200).optional(),
    status: z.string().max(100).optional(),
    intention: z.string().max(100).optional(),
  })
  .strict();
export type DeliveryFilter = z.infer<typeof deliveryFilter>;

export const responseBehaviour = z
  .object({
    status: z.number().int().min(100).max(599).default(200),
    body: z.string().max(1_000_000).default('{}'),
    contentType: z.string().max(200).default('application/json'),
    delayMs: z.number().int().min(0).max(600_000).default(0),
    hang: z.boolean().default(false),
    failFirst: z.number().int().min(0).max(1000).default(0),
    failStatus: z.number().int().min(100).max(599).default(500),
    failureRate: z.number().min(0).max(1).default(0),
  })
  .strict();

export const signScheme = z
  .object({
    type: z.enum(['none', 'md5-template', 'hmac-sha256']).default('md5-template'),
    template: z.string().max(2000).optional(),
    header: z.string().max(200).optional(),
    encoding: z.enum(['hex', 'base64']).optional(),
  })
  .strict();

export const endpointConfig = z
  .object({
    name: endpointName,
    response: responseBehaviour.default(responseBehaviour.parse({})),
    key: z.string().max(1000).default(''),
    /** Default: the vendor's md5 scheme; with no KEY, the vendor's default KEY (see docs/SIGN.md). */
    sign: signScheme.default({ type: 'md5-template' }),
    publicUrl: z.string().url().max(2000).optional(),
  })
  .strict();

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next (older) page; null at the end. */
  nextCursor: string | null;
}

export interface RawBody {
  id: number;
  size: number;
  truncated: boolean;
  base64: string;
  /** The body after Content-Encoding, as text, when it decodes as text. */
  decodedText: string | null;
  charset: string | null;
}

export interface ChainAttempt {
  /** `call` for a Details[] entry, `redial` for a RedailCall[] entry. */
  source: 'call' | 'redial';
  deliveryId: number;
  receivedAt: number;
  callId: string | null;
  /** As written in the payload. Redial times carry no zone: see `zoneAmbiguous`. */
  startTimeRaw: string | null;
  zoneAmbiguous: boolean;
  /** Start as epoch ms, zone-less times read with the requested offset; null when unparseable. */
  startMs: number | null;
  ringType: string | null;
  ringTime: number | null;
  hangupType: string | null;
  /** Intention for calls, ResultLabel for redials. */
  label: string | null;
  call?: CallSummary;
  redial?: RedialSummary;
}

export interface Stats {
  total: number;
  byKind: Record<string, number>;
  byEndpoint: Record<string, number>;
  callsByStatus: Record<string, number>;
  callsByIntention: Record<string, number>;
  callsByRingType: Record<string, number>;
  /** Calls by duration range (`0-10s`, `10-30s`, ...), in range order; `unknown` when times do not parse. */
  callDurations: Array<{ range: string; count: number }>;
  /** Deliveries per bucket, oldest first. */
  overTime: Array<{ start: number; count: number }>;
  bucketMs: number;
}

export interface Settings {
  /** Keep at most this many deliveries (0: no limit). Nothing is deleted without this set. */
  retentionCount: number;
  /** Keep deliveries at most this many days (0: no limit). */
  retentionDays: number;
  /** Public URL of the tunnel to the receiver, shown as the URL to give the vendor. */
  publicUrl: string;
}

export const settingsInput = z
  .object({
    retentionCount: z.number().int().min(0).optional(),
    retentionDays: z.number().int().min(0).optional(),
    publicUrl: z.union([z.string().url(), z.literal('')]).optional(),
  })
  .strict();


// ---- Re-send (docs/RESEND.md) ----

/** Where to send: an absolute http(s) URL. */
export const targetUrl = z
  .string()
  .max(4000)
  .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), 'expected an absolute http:// or https:// URL');

const headerName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,200}$/, 'a header name (letters, digits, - and the other token characters)');
/** Header values may not hold CR, LF or NUL: they would split or end the header block. */
const headerPair = z.tuple([headerName, z.string().max(16_000).regex(/^[^\r\n\0]*$/, 'no CR, LF or NUL in a header value')]);

/** Keep the body's Sign (and any signature header) as stored, or compute a new one. */
export const signChoice = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('keep') }).strict(),
  z
    .object({
      mode: z.literal('resign'),
      /** Default: the delivery's endpoint KEY (the vendor's default KEY when none). */
      key: z.string().max(1000).optional(),
      /** Default: the delivery's endpoint scheme (md5-template for new bodies). */
      scheme: signScheme.optional(),
    })
    .strict(),
]);
export type SignChoice = z.infer<typeof signChoice>;

/** The vendor's policy: on anything but HTTP 200, retry every interval, at most N times. */
export const retryPolicy = z
  .object({
    intervalMs: z.number().int().min(0).max(86_400_000).default(60_000),
    maxRetries: z.number().int().min(0).max(100).default(5),
    /** Waits are divided by this: 1000 runs the 60 s interval in 60 ms. */
    timeScale: z.number().positive().max(1_000_000).default(1),
  })
  .strict();
export type RetryPolicy = z.infer<typeof retryPolicy>;

const sendOptions = {
  to: targetUrl,
  sign: signChoice.default({ mode: 'keep' }),
  /** Absent: one attempt. Present: the vendor retry policy. */
  retry: retryPolicy.optional(),
  /** Per attempt, from connect to the last body byte. */
  timeoutMs: z.number().int().min(1).max(600_000).default(10_000),
};

/** An edited body: text (sent as UTF-8, Content-Encoding applied if a header says so) or raw bytes. */
const bodyOverride = z.union([z.object({ text: z.string().max(32 * 1024 * 1024) }).strict(), z.object({ base64: z.string().max(48 * 1024 * 1024) }).strict()]);

const generateOptions = {
  /** Call-end notifications to make (one call each). */
  calls: z.number().int().min(1).max(1_000_000).default(10),
  /** Calls per callee: a redial chain of this length (the k-th lists the k - 1 before it in RedailCall). */
  redials: z.number().int().min(1).max(20).default(1),
  seed: z.union([z.string().max(200), z.number()]).default(1),
  /** Default: the vendor's default KEY. */
  key: z.string().max(1000).optional(),
  scheme: signScheme.default({ type: 'md5-template' }),
  /** Start of the first call (epoch ms); fixed by default so that a seed alone reproduces the bodies. */
  startAt: z.number().int().nonnegative().optional(),
};

const jobId = id;

/** An operation: its input schema and (type-only) output. */
interface Op<I extends z.ZodType, O> {
  input: I;
  output?: O;
}
const op = <O>() => <I extends z.ZodType>(input: I): Op<I, O> => ({ input });

export const operations = {
  listDeliveries: op<Page<DeliverySummary>>()(
    z.object({ filter: deliveryFilter.default({}), cursor: z.string().max(100).optional(), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
  ),
  getDelivery: op<DeliveryDetail | null>()(z.object({ id }).strict()),
  getRawBody: op<RawBody | null>()(z.object({ id }).strict()),
  getCall: op<CallDetail | null>()(z.object({ deliveryId: id, index: z.number().int().min(0) }).strict()),
  findCalls: op<CallSummary[]>()(
    z.object({ callId: z.string().max(200).optional(), callee: z.string().max(200).optional(), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
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
        body: bodyOverride.optional(),
        /** Default: the delivery's method, else POST (the vendor POSTs). */
        method: z.string().regex(/^[A-Z]{1,20}$/, 'an HTTP method in capitals').optional(),
        /** The full header list to send; default: the delivery's content headers (see resendDraft). */
        headers: z.array(headerPair).max(200).optional(),
        ...sendOptions,
      })
      .strict()
      .refine((v) => v.deliveryId !== undefined || v.body !== undefined, 'give deliveryId or body'),
  ),
  bulkResend: op<JobInfo>()(
    z
      .object({
        /** Deliveries to send, in this order; or `filter` (oldest first). */
        ids: z.array(id).min(1).max(100_000).optional(),
        filter: deliveryFilter.optional(),
        limit: z.number().int().min(1).max(100_000).default(10_000),
        concurrency: z.number().int().min(1).max(256).default(8),
        ...sendOptions,
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
        ...sendOptions,
      })
      .strict()
      .refine((v) => (v.callee === undefined) !== (v.ids === undefined), 'give callee or ids (one of them)'),
  ),
  generate: op<GeneratedCallback[]>()(z.object({ ...generateOptions, calls: generateOptions.calls.unwrap().max(1000).default(10) }).strict()),
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
  listJobs: op<JobInfo[]>()(z.object({ limit: z.number().int().min(1).max(1000).default(50) }).strict()),
  cancelJob: op<JobInfo | null>()(z.object({ jobId }).strict()),
  /** Attempts, newest first: of a delivery, of a job, or all. */
  listSends: op<SendAttempt[]>()(
    z
      .object({
        deliveryId: id.optional(),
        jobId: jobId.optional(),
        /** Only attempts with a smaller id (paging). */
        before: id.optional(),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
  ),
  getSend: op<SendAttemptDetail | null>()(z.object({ id }).strict()),
  copyAsCurl: op<CurlCommand | null>()(
    z
      .object({
        deliveryId: id.optional(),
        sendId: id.optional(),
        /** For a delivery: where to send it (default: where it arrived). */
        to: targetUrl.optional(),
      })
      .strict()
      .refine((v) => (v.deliveryId === undefined) !== (v.sendId === undefined), 'give deliveryId or sendId (one of them)'),
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
} as const;

export interface ServerInfo {
  version: string;
  receiverUrl: string;
  /** Public tunnel URL: configured, or the last seen in X-Forwarded-Host. */
  publicUrl: string | null;
  dataDir: string;
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

/** The core implements this; every host exposes it. */
export type ApiService = { [K in OpName]: (args: OpArgs<K>) => Promise<OpOutput<K>> };
/** What the renderer calls, whatever the transport. */
export type ApiClient = { [K in OpName]: (input: OpInput<K>) => Promise<OpOutput<K>> };

export interface ApiEvents {
  deliveryReceived: DeliverySummary;
  /** Each re-send attempt, as it finishes. */
  sendAttempt: SendAttempt;
  /** A job started, progressed (at most ~10 per second) or finished. */
  jobProgress: JobInfo;
}
export type EventName = keyof ApiEvents;
export const eventNames: readonly EventName[] = ['deliveryReceived', 'sendAttempt', 'jobProgress'];

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
