// Options the sending commands share (signing, vendor retry policy, timeout, data dir) and how they
// become the API's inputs. One place, so `send`, `send-bulk`, `replay-chain` and `generate` agree.
import type { Command } from 'commander';
import type { OpInput, RetryPolicy, SignChoice } from '../../../shared/api.js';
import { defaultDataDir } from './data-dir.js';
import type { SignScheme } from '../../../shared/model.js';
import { digestEncoding, header, hmacAlgorithm, nonNegativeInt, positiveInt, positiveNumber, scheme } from './options.js';

export interface SendFlags {
  to: string;
  data: string;
  key?: string;
  scheme?: 'md5-template' | 'hmac' | 'hmac-sha256' | 'standard-webhooks' | 'none';
  template?: string;
  signHeader?: string;
  algorithm?: 'sha1' | 'sha256' | 'sha512';
  encoding?: 'hex' | 'base64';
  prefix?: string;
  signed?: string;
  newWebhookId?: boolean;
  retryPolicy?: boolean;
  interval?: number;
  maxRetries?: number;
  timeScale?: number;
  timeout: number;
  allowTruncated?: boolean;
}

export function addTargetOptions(cmd: Command, { to = true } = {}): Command {
  if (to) cmd.requiredOption('--to <url>', 'where to send (http:// or https://)');
  return cmd
    .option('--data <dir>', 'data directory (attempts are stored there)', defaultDataDir())
    .option('--timeout <ms>', 'per attempt, from connect to the last byte of the answer', positiveInt, 10_000);
}

/** Sign options, and what to do with a stored body that was cut on arrival: for sends of stored deliveries. */
export function addSignOptions(cmd: Command): Command {
  return cmd
    .option(
      '--allow-truncated',
      'send a body cut on arrival (over the body limit, answered 413) as its stored part; without it such a delivery is refused, or skipped in a bulk send',
    )
    .option('--key <KEY>', 're-sign with this KEY (default: keep the Sign as stored)')
    .option(
      '--scheme <scheme>',
      're-sign with md5 (Sign field, template {TaskID}{KEY}), hmac (a header, X-Signature by default), standard-webhooks (webhook-* headers, KEY whsec_…) or none',
      scheme,
    )
    .option('--template <template>', 'md5 template, e.g. "{TaskID}{KEY}"')
    .option('--sign-header <name>', 'hmac header name (default X-Signature)')
    .option('--algorithm <hash>', 'hmac: sha1, sha256 (default) or sha512', hmacAlgorithm)
    .option('--encoding <encoding>', 'hmac: hex (default) or base64', digestEncoding)
    .option('--prefix <text>', 'hmac: written before the digest, e.g. "sha256=" (GitHub)')
    .option(
      '--signed <template>',
      'hmac: what is signed, default "{body}"; e.g. "{timestamp}.{body}" (Stripe-like t=…,v1=… header) or "v0:{header:X-Slack-Request-Timestamp}:{body}"',
    )
    .option('--new-webhook-id', "standard-webhooks: send a new webhook-id (default: keep the original's)");
}

export function addRetryOptions(cmd: Command): Command {
  return cmd
    .option('--retry-policy', 'behave like the vendor: on anything but HTTP 200 retry every interval, at most N times')
    .option('--interval <ms>', 'vendor policy interval (implies --retry-policy)', nonNegativeInt)
    .option('--max-retries <n>', 'vendor policy retries (implies --retry-policy)', nonNegativeInt)
    .option('--time-scale <x>', 'divide the interval by x, e.g. 1000 runs 60 s in 60 ms (implies --retry-policy)', positiveNumber);
}

export function addHeaderOption(cmd: Command): Command {
  return cmd.option('-H, --header <header>', 'set a header, "Name: value" (repeatable; replaces one of the same name)', header);
}

/** Keep, unless a KEY, a scheme or a scheme setting was given. */
export function signChoiceOf(f: SendFlags): SignChoice {
  const hmacGiven =
    f.signHeader !== undefined || f.algorithm !== undefined || f.encoding !== undefined || f.prefix !== undefined || f.signed !== undefined;
  if (f.key === undefined && f.scheme === undefined && f.template === undefined && !hmacGiven && !f.newWebhookId) return { mode: 'keep' };
  const type = f.scheme ?? (hmacGiven ? 'hmac' : f.newWebhookId ? 'standard-webhooks' : 'md5-template');
  const scheme: SignScheme = { type };
  if (type === 'md5-template' && f.template) scheme.template = f.template;
  if (type === 'hmac' || type === 'hmac-sha256') {
    if (f.signHeader) scheme.header = f.signHeader;
    if (f.encoding) scheme.encoding = f.encoding;
  }
  if (type === 'hmac') {
    if (f.algorithm) scheme.algorithm = f.algorithm;
    if (f.prefix !== undefined) scheme.prefix = f.prefix;
    if (f.signed) scheme.signed = f.signed;
  }
  return {
    mode: 'resign',
    ...(f.key !== undefined ? { key: f.key } : {}),
    scheme,
    ...(type === 'standard-webhooks' && f.newWebhookId ? { newWebhookId: true } : {}),
  };
}

/** The vendor policy (60 s, 5 retries by default) when asked for, else one attempt. */
export function retryOf(f: SendFlags): Partial<RetryPolicy> | undefined {
  if (!f.retryPolicy && f.interval === undefined && f.maxRetries === undefined && f.timeScale === undefined) return undefined;
  return {
    ...(f.interval !== undefined ? { intervalMs: f.interval } : {}),
    ...(f.maxRetries !== undefined ? { maxRetries: f.maxRetries } : {}),
    ...(f.timeScale !== undefined ? { timeScale: f.timeScale } : {}),
  };
}

export function commonInput(f: SendFlags): Pick<OpInput<'resend'>, 'to' | 'sign' | 'retry' | 'timeoutMs' | 'allowTruncated'> {
  const retry = retryOf(f);
  return {
    to: f.to,
    sign: signChoiceOf(f),
    ...(retry ? { retry } : {}),
    timeoutMs: f.timeout,
    ...(f.allowTruncated ? { allowTruncated: true } : {}),
  };
}

/** Headers given with -H replace those of the same name and add the others. */
export function withHeaders(base: Array<[string, string]>, given: Array<[string, string]> | undefined): Array<[string, string]> {
  if (!given?.length) return base;
  const names = new Set(given.map(([n]) => n.toLowerCase()));
  return [...base.filter(([n]) => !names.has(n.toLowerCase())), ...given];
}
