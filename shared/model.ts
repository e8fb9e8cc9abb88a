// The domain's data shapes, shared by the core, the hosts and the renderer.
// Plain types only: nothing here may import Node or DOM APIs.
import type { z } from 'zod';
import type { endpointConfig, forwardConfig, responseBehaviour, signScheme } from './api-schemas.js';

/** How a body was classified. */
export type DeliveryKind = 'call-end' | 'json' | 'not-json';
/**
 * What a stored delivery's kind may read: its body's kind, or `pending` for the moment between the
 * receiver's commit and ingest (main/core/derive). Reads through the API wait for ingest first.
 */
export type StoredKind = DeliveryKind | 'pending';

/**
 * `note`: what the vendor's own example does too (a RedailCall time without a zone, RingType ""),
 * so it is how the vendor sends, not a deviation to chase; shown, never counted as a warning.
 */
export type Severity = 'error' | 'warning' | 'note';

/** One finding about a body: a contract breach, a decoding issue, a parse issue. Never a rejection. */
export interface Problem {
  /** JSON path such as `Details[0].CallID`; `$` for the body as a whole. */
  path: string;
  severity: Severity;
  /** Stable machine code, e.g. `missing-field`, `unknown-enum`, `invalid-utf8`. */
  code: string;
  message: string;
  /**
   * How many problems of its severity this entry stands for, when it summarises those past a list's
   * limit (`more-problems`, or `duplicate-key` at `$`); absent: 1. Totals are the sum (problem-counts.ts).
   */
  count?: number;
}

/**
 * How an endpoint computes/verifies signatures, and how it answers and forwards: the API's schemas
 * (api-schemas.ts) are their one declaration, the types are what those schemas produce.
 */
export type SignScheme = z.output<typeof signScheme>;
/** `hmac` is the generic HMAC header scheme; `hmac-sha256` is its legacy name (docs/SIGN.md). */
export type SignSchemeName = SignScheme['type'];
export type HmacAlgorithm = NonNullable<SignScheme['algorithm']>;
/** How an endpoint answers. The default is the contract's `200 {}`. */
export type ResponseBehaviour = z.output<typeof responseBehaviour>;
/** Forward on arrival: docs/FORWARD.md. */
export type ForwardConfig = z.output<typeof forwardConfig>;
export type EndpointConfig = z.output<typeof endpointConfig>;

export type SignStatus = 'verified' | 'mismatch' | 'not-checked';

export interface SignResult {
  status: SignStatus;
  scheme: SignSchemeName;
  /** Why not checked, or what differed. */
  reason?: string;
  /** The signature found in the delivery. */
  received?: string;
  /** The signature computed with the endpoint's KEY. */
  expected?: string;
  /** Whose KEY was used: the endpoint's, or the vendor's default (no KEY configured). */
  keySource?: 'endpoint' | 'vendor-default';
  /** What the signature covers, for a person: the KEY never appears, the body only by its size. */
  signed?: string;
  /** Findings that do not decide the result, e.g. a timestamp outside the tolerance (replays are old). */
  warnings?: string[];
}

/** Where a delivery's forwarding stands: sent and answered 200, failed, missed while paused, or under way. */
export type ForwardState = 'pending' | 'delivered' | 'failed' | 'paused';

export interface ForwardStatus {
  endpoint: string;
  forward: ForwardConfig | null;
  /** Deliveries by forwarding state. */
  counts: Record<ForwardState, number>;
}

/** The answer the receiver actually gave (or is about to give) a delivery. */
export interface GivenResponse {
  status: number | null;
  delayMs: number;
  hung: boolean;
  /**
   * Why this answer: `default`, `fail-first`, `failure-rate`, `configured`, `too-large`, `aborted`,
   * `connect` (a CONNECT, answered 501: the receiver records, it does not tunnel); relay: `relaying`
   * (waiting for the target), `relayed` (the target's answer), `relay-fallback`
   * (the target failed or was slow), `relay-interrupted` (the process stopped first: no answer given).
   */
  reason: string;
}

/** What the receiver captured, before any interpretation. */
export interface CapturedRequest {
  receivedAt: number; // epoch ms, UTC
  endpoint: string;
  method: string;
  /** Path without the query string, as sent. */
  path: string;
  query: string;
  /** Raw header pairs in arrival order, names as sent. */
  headers: Array<[string, string]>;
  remoteAddress: string;
  /** Stored bytes: exactly what arrived after transfer-decoding (gzip stays gzip). */
  body: Uint8Array;
  /** The body was cut at the size limit or the client went away mid-body. */
  truncated: boolean;
}

/** One row of the inbox. Small: never carries the body. */
export interface DeliverySummary {
  id: number;
  receivedAt: number;
  endpoint: string;
  method: string;
  path: string;
  size: number;
  truncated: boolean;
  kind: StoredKind;
  /** Finer recognition: `call-end`, `pds-envelope`, `workflow-status`, ... or null. */
  shape: string | null;
  taskId: string | null;
  taskName: string | null;
  callCount: number;
  /** The first call's (`Details[0]`) CalleeNumber and CallID, so that rows of one task can be told apart. */
  callee: string | null;
  callId: string | null;
  /** Status of each call, counted. */
  statusSummary: Record<string, number>;
  /** Real totals by severity, the problems past the list's limit included (problem-counts.ts). */
  errorCount: number;
  warningCount: number;
  noteCount: number;
  sign: SignStatus;
  responseStatus: number | null;
  /** First delivery of the same body at the same endpoint, when this is a vendor retry. */
  retryOf: number | null;
  /** 1 for a first delivery, k for the k-th arrival of the same body. */
  attempt: number;
  sha256: string;
  /** This app's own re-send to itself, not a delivery from the vendor (docs/RESEND.md). */
  resend: boolean;
}

export interface DeliveryDetail extends DeliverySummary {
  query: string;
  headers: Array<[string, string]>;
  remoteAddress: string;
  /** X-Forwarded-* and Forwarded headers, lower-cased names. */
  forwarded: Record<string, string>;
  contentType: string | null;
  contentEncoding: string | null;
  problems: Problem[];
  signDetail: SignResult;
  response: GivenResponse;
  /** All arrivals of this body: the vendor-retry group, oldest first, with spacing. */
  retryGroup: Array<{ id: number; receivedAt: number; attempt: number; responseStatus: number | null; gapMs: number | null }>;
  /** The first DETAIL_CALLS indexed calls; `callCount` says how many there are in all. */
  calls: CallSummary[];
}

/** Calls a delivery's detail carries: a page, so that opening a delivery costs the same whatever its body holds. */
export const DETAIL_CALLS = 1000;

/** One entry of `Details[]`, indexed. */
export interface CallSummary {
  deliveryId: number;
  index: number;
  callId: string | null;
  calleeNumber: string | null;
  calleeName: string | null;
  taskId: string | null;
  status: string | null;
  intention: string | null;
  startTime: string | null;
  endTime: string | null;
  /** Seconds between start and end when both parse. */
  durationSec: number | null;
  ringType: string | null;
  ringTime: number | null;
  hangupType: string | null;
  redialCount: number;
}

/** One entry of `Details[].RedailCall[]`, indexed. */
export interface RedialSummary {
  deliveryId: number;
  callIndex: number;
  index: number;
  callId: string | null;
  calleeNumber: string | null;
  callerNumber: string | null;
  /** As written, e.g. `2023-10-19 14:13:07`: the zone is not stated. */
  startTimeRaw: string | null;
  ringType: string | null;
  ringTime: number | null;
  hangupType: string | null;
  resultLabel: string | null;
}

export interface CallDetail extends CallSummary {
  /** The call object as lossless JSON text (big integers keep their digits). */
  json: string;
  redials: RedialSummary[];
}

// ---- Re-send, replay and synthetic callbacks (main/core/resend, main/core/generate) ----

/** Why an attempt got no complete answer. `cancelled`: the user stopped the job mid-attempt. */
export type SendErrorClass = 'dns' | 'refused' | 'timeout' | 'tls' | 'reset' | 'cancelled' | 'other';

/** One HTTP attempt of a re-send, as stored. Bodies are fetched separately (`getSend`). */
export interface SendAttempt {
  id: number;
  jobId: number;
  /** The stored delivery that was re-sent; null for generated or file bodies. */
  deliveryId: number | null;
  /** Position of the item within its job (0-based). */
  item: number;
  /** 1 for the first try, k for the vendor-policy retry k - 1. */
  attempt: number;
  url: string;
  method: string;
  /** Exactly the header pairs written, in order (Host and Content-Length included). */
  requestHeaders: Array<[string, string]>;
  requestSize: number;
  /** Null when no answer arrived (see errorClass). */
  responseStatus: number | null;
  responseHeaders: Array<[string, string]>;
  /** Bytes of response body read; only the first 64 KB are kept. */
  responseSize: number;
  responseTruncated: boolean;
  durationMs: number;
  errorClass: SendErrorClass | null;
  errorMessage: string | null;
  startedAt: number;
  finishedAt: number;
  /** What the vendor counts as delivered: HTTP 200 with a complete answer. */
  ok: boolean;
}

export interface SendAttemptDetail extends SendAttempt {
  requestBodyBase64: string;
  /** The first 64 KB of the response body. */
  responseBodyBase64: string;
}

export type JobKind = 'resend' | 'bulk' | 'chain' | 'generate' | 'retry-failed' | 'forward' | 'forward-catch-up';
/** `interrupted`: the process stopped while the job ran. */
export type JobState = 'running' | 'done' | 'cancelled' | 'interrupted' | 'failed';

/** A re-send job: its progress while running, its summary once finished. */
export interface JobInfo {
  id: number;
  kind: JobKind;
  state: JobState;
  /** Human summary of what the job sends where. */
  label: string;
  /** Items (deliveries or bodies) to send; each item may take several attempts. */
  total: number;
  completed: number;
  /** Items whose last attempt was delivered (HTTP 200). */
  succeeded: number;
  failed: number;
  attempts: number;
  /** Final outcome of each completed item: HTTP status (`200`, `500`) or error class (`timeout`). */
  outcomes: Record<string, number>;
  /** Items that could not be sent and why (the first 20), e.g. a delivery removed by retention. */
  notes: string[];
  /**
   * While an item waits out the vendor policy's interval (scaled): when its next attempt is due,
   * epoch ms (the soonest, when several wait). Null otherwise, and in a job read from the store.
   */
  nextAttemptAt: number | null;
  startedAt: number;
  finishedAt: number | null;
  /** Why the job failed as a whole (a bug or a store error), else null. */
  error: string | null;
}

/** A chain job's schedule: each delivery, in sending order, at its offset (scaled) from the first send. */
export interface JobPlan {
  items: Array<{ deliveryId: number; offsetMs: number }>;
}

/** What a re-send of a delivery would send by default; the UI's form starts from it. */
export interface ResendDraft {
  deliveryId: number;
  method: string;
  headers: Array<[string, string]>;
  /** The body as text after Content-Encoding; null when it is binary, does not decode, or is too large to edit. */
  bodyText: string | null;
  /** Why bodyText is null when the reason is not that the body is binary (it is too large to edit here). */
  bodyNote: string | null;
  /** The delivery's endpoint's Sign scheme and KEY (the vendor's default KEY when none is set). */
  scheme: SignScheme;
  key: string;
  keySource: 'endpoint' | 'vendor-default';
  /**
   * The default target: the delivery's path and query on the confirmed public URL, else on the
   * receiver (never on its own Host or X-Forwarded-Host); null when neither is known.
   */
  originalUrl: string | null;
  /** Cut when it arrived (over the body limit): only a prefix is stored, and a re-send sends that prefix. */
  truncated: boolean;
}

/** A shell command that repeats a request with curl. */
export interface CurlCommand {
  command: string;
  /** When the body cannot travel in the command line (binary, large, NUL), it goes in this file. */
  bodyFile: { name: string; base64: string } | null;
}

/** A generated call-end notification, ready to send. */
export interface GeneratedCallback {
  /** The body exactly as it will be sent (UTF-8 JSON). */
  body: string;
  headers: Array<[string, string]>;
  callee: string;
  callId: string;
  /** 1 for a callee's first call, k for its k-th (CallTimes). */
  callTimes: number;
}

/** HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), the part we write. */
export interface HarLog {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    entries: HarEntry[];
  };
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    headers: Array<{ name: string; value: string }>;
    queryString: Array<{ name: string; value: string }>;
    cookies: [];
    headersSize: -1;
    bodySize: number;
    /** `text` is the body as UTF-8 when it is text, else base64 with `encoding: "base64"` (a common HAR extension). */
    postData?: { mimeType: string; text: string; encoding?: 'base64' };
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    headers: Array<{ name: string; value: string }>;
    cookies: [];
    content: { size: number; mimeType: string; text?: string };
    redirectURL: '';
    headersSize: -1;
    bodySize: -1;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  comment?: string;
}

/** One attempt of a callee's redial chain: a call of Details[] or an entry of RedailCall[] (getChain). */
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
  /** The call's Status (`finished`, `failed`, …); a RedailCall entry carries none, so null there. */
  status: string | null;
  call?: CallSummary;
  redial?: RedialSummary;
}
