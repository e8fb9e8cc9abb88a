// The one contract between the renderer and the core: every operation with its input schema and
// output type, and every event. The HTTP adapter, the IPC adapter and the clients are derived from
// this table; adding an operation is one entry here plus its implementation in the service.
import { z } from 'zod';
import type {
  CallDetail,
  DeliveryDetail,
  DeliverySummary,
  EndpointConfig,
  RedialSummary,
  CallSummary,
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
}
export type EventName = keyof ApiEvents;
export const eventNames: readonly EventName[] = ['deliveryReceived'];

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
