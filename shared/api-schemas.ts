// The building blocks of the API contract: input schemas shared by several operations, and the
// output shapes that are the API's own (not domain data). The table itself is in api.ts.
import { z } from 'zod';
import { unknownPlaceholders } from './sign-schemes/placeholders.js';

export const id = z.number().int().positive();
export const epochMs = z.number().int().nonnegative();
export const endpointName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, _ . - (at most 64), starting with a letter or digit');

export const deliveryFilter = z
  .object({
    endpoint: endpointName.optional(),
    kind: z.enum(['call-end', 'json', 'not-json']).optional(),
    /** Each tier takes the ones above it (`warnings`: errors or warnings); `none`: no errors or warnings, notes allowed. */
    hasProblems: z.enum(['errors', 'warnings', 'notes', 'none']).optional(),
    sign: z.enum(['verified', 'mismatch', 'not-checked']).optional(),
    from: epochMs.optional(),
    to: epochMs.optional(),
    /** Full-text search over names, numbers, transcript, labels, comments. */
    text: z.string().max(500).optional(),
    callId: z.string().max(200).optional(),
    /** A call's or redial's number; `6212345678` and `+6212345678` find each other (shared/phone-number.ts). */
    callee: z.string().max(200).optional(),
    taskId: z.string().max(200).optional(),
    taskName: z.string().max(500).optional(),
    status: z.string().max(100).optional(),
    intention: z.string().max(100).optional(),
    method: z.string().max(20).optional(),
    path: z.string().max(2000).optional(),
    /** The HTTP status the receiver answered with; `none`: no answer given (hang, abort). */
    answer: z.union([z.number().int().min(100).max(599), z.literal('none')]).optional(),
    callCount: z.number().int().min(0).max(100_000_000).optional(),
    /** A vendor retry (attempt 2 or later of the same body), or a first arrival. */
    retry: z.boolean().optional(),
    /** This app's own re-send to itself (docs/RESEND.md), or not. */
    resend: z.boolean().optional(),
  })
  .strict();
export type DeliveryFilter = z.infer<typeof deliveryFilter>;

export const responseBehaviour = z
  .object({
    // 1xx are interim answers, not an answer a receiver can finish with.
    status: z.number().int().min(200).max(599).default(200),
    body: z.string().max(1_000_000).default('{}'),
    contentType: z.string().max(200).default('application/json'),
    /** Delay before answering, in ms. */
    delayMs: z.number().int().min(0).max(600_000).default(0),
    /** Never answer (the client or the server's request timeout ends it). */
    hang: z.boolean().default(false),
    /** Fail the first N deliveries of each distinct body (vendor retries then succeed). */
    failFirst: z.number().int().min(0).max(1000).default(0),
    /** Status used for the failures above and for random failures. */
    failStatus: z.number().int().min(200).max(599).default(500),
    /** Probability in [0, 1] of answering failStatus. */
    failureRate: z.number().min(0).max(1).default(0),
  })
  .strict();

/**
 * How signatures are checked and made (docs/SIGN.md). One flat object: each field applies to the
 * types its comment names. `hmac-sha256` is the legacy name of `hmac` with sha256 (sha256 of the raw
 * body, no prefix), kept so endpoint configs stored by earlier versions parse and mean the same.
 */
export const signScheme = z
  .object({
    type: z.enum(['none', 'md5-template', 'hmac', 'hmac-sha256', 'standard-webhooks']).default('md5-template'),
    /** md5-template: placeholders `{Field}` are body fields, `{KEY}` the key. */
    template: z.string().max(2000).optional(),
    /** hmac: header that carries the signature (default `X-Signature`). */
    header: z.string().max(200).optional(),
    /** hmac: how the digest is written. */
    encoding: z.enum(['hex', 'base64']).optional(),
    /** hmac: the hash (default sha256). */
    algorithm: z.enum(['sha1', 'sha256', 'sha512']).optional(),
    /** hmac: written before the digest, e.g. `sha256=` as GitHub does. */
    prefix: z
      .string()
      .max(100)
      .regex(/^[^\r\n\0,]*$/, 'no CR, LF, NUL or comma in a prefix')
      .optional(),
    /** hmac: what is signed, default `{body}`; also `{timestamp}` (a Stripe-like `t=…,v1=…` header) and `{header:Name}`. */
    signed: z
      .string()
      .max(2000)
      .superRefine((t, ctx) => {
        const unknown = unknownPlaceholders(t);
        if (unknown.length > 0)
          ctx.addIssue({ code: 'custom', message: `unknown placeholder ${unknown.join(', ')}: use {body}, {timestamp} or {header:Name}` });
      })
      .optional(),
    /** standard-webhooks, hmac with `{timestamp}`: seconds between the signed time and the arrival before a warning (default 300). */
    toleranceSeconds: z
      .number()
      .int()
      .min(0)
      .max(10 * 365 * 86_400)
      .optional(),
  })
  .strict();

/** Where to send: an absolute http(s) URL. */
export const targetUrl = z
  .string()
  .max(4000)
  .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), 'expected an absolute http:// or https:// URL');

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

/**
 * Forward on arrival (docs/FORWARD.md). `tee`: the vendor gets the endpoint's own answer at once and
 * the delivery is forwarded after the commit, with `retry`. `relay`: the vendor gets the target's
 * answer; a target that fails or takes longer than `timeoutMs` gets the endpoint's own answer.
 */
export const forwardConfig = z
  .object({
    url: targetUrl,
    mode: z.enum(['tee', 'relay']).default('tee'),
    /** Paused: nothing is forwarded (relay answers as the endpoint would); catch-up sends what was missed. */
    paused: z.boolean().default(false),
    timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
    /** tee only: retry a failed forward (default: one attempt). */
    retry: retryPolicy.optional(),
  })
  .strict();

export const endpointConfig = z
  .object({
    /** URL-safe name: deliveries to `/hooks/<name>/...` belong to it; `default` takes all other paths. */
    name: endpointName,
    response: responseBehaviour.default(responseBehaviour.parse({})),
    /** The customer's KEY for `Sign`; empty means not configured. */
    key: z.string().max(1000).default(''),
    /** Default: the vendor's md5 scheme; with no KEY, the vendor's default KEY (see docs/SIGN.md). */
    sign: signScheme.default({ type: 'md5-template' }),
    /** Public URL of a tunnel that reaches this receiver, when the user set one. */
    publicUrl: z.string().url().max(2000).optional(),
    /** Forward every delivery to a local app (tee) or answer with its answer (relay). */
    forward: forwardConfig.optional(),
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
  /** The stored bytes. */
  bytes: Uint8Array;
  /**
   * The body after Content-Encoding, as text, encoded in UTF-8 (`rawBodyText` reads it); `'bytes'` when
   * that is exactly the stored bytes (a plain UTF-8 body: its bytes travel once), null when it does not
   * decode as text.
   */
  textUtf8: Uint8Array | 'bytes' | null;
  charset: string | null;
  /**
   * Present when the text is only the start of it: a body that inflated (Content-Encoding) past what
   * one answer carries. `shownChars`: the text's length; `decodedBytes`: the whole body's size once decoded.
   */
  decodedTextCut?: { shownChars: number; decodedBytes: number };
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

/** A change to the settings: the fields given replace the stored ones. */
export const settingsInput = z
  .object({
    /** Keep at most this many deliveries (0: no limit). Nothing is deleted without this set. */
    retentionCount: z.number().int().min(0).optional(),
    /** Keep deliveries at most this many days (0: no limit). */
    retentionDays: z.number().int().min(0).optional(),
    /** Public URL of the tunnel to the receiver, shown as the URL to give the vendor ('' for none). */
    publicUrl: z.union([z.string().url(), z.literal('')]).optional(),
  })
  .strict();
/** The settings as stored: every field of settingsInput, set. */
export type Settings = Required<z.output<typeof settingsInput>>;

// ---- Re-send (docs/RESEND.md) ----

export const headerName = z
  .string()
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,200}$/, 'a header name (letters, digits, - and the other token characters)');
/** Header values may not hold CR, LF or NUL: they would split or end the header block. */
export const headerPair = z.tuple([
  headerName,
  z
    .string()
    .max(16_000)
    .regex(/^[^\r\n\0]*$/, 'no CR, LF or NUL in a header value'),
]);

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
      /** standard-webhooks: send a new webhook-id instead of the original's (a new message, not a retry). */
      newWebhookId: z.boolean().optional(),
    })
    .strict(),
]);
export type SignChoice = z.infer<typeof signChoice>;

export const sendOptions = {
  to: targetUrl,
  sign: signChoice.default({ mode: 'keep' }),
  /** Absent: one attempt. Present: the vendor retry policy. */
  retry: retryPolicy.optional(),
  /** Per attempt, from connect to the last body byte. */
  timeoutMs: z.number().int().min(1).max(600_000).default(10_000),
  /**
   * A delivery cut when it arrived (over the body limit, answered 413) has only a prefix stored. It is
   * refused (a chain, a single re-send) or skipped (bulk) unless this says to send the prefix.
   */
  allowTruncated: z.boolean().default(false),
};

/** An edited body: text (sent as UTF-8, Content-Encoding applied if a header says so) or raw bytes. */
export const bodyOverride = z.union([
  z.object({ text: z.string().max(32 * 1024 * 1024) }).strict(),
  z.object({ base64: z.string().max(48 * 1024 * 1024) }).strict(),
]);

/** What a re-send may change of the stored request: `resend` takes these, and `copyAsCurl` for the same request. */
export const requestEdits = {
  body: bodyOverride.optional(),
  /** Default: the delivery's method, else POST (the vendor POSTs). */
  method: z
    .string()
    .regex(/^[A-Z]{1,20}$/, 'an HTTP method in capitals')
    .optional(),
  /** The full header list to send; default: the delivery's content headers (see resendDraft). */
  headers: z.array(headerPair).max(200).optional(),
};

export const generateOptions = {
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
