// The re-send form as plain data, and its conversion to the `resend` operation's input. Pure, so it
// is unit-tested without a browser; the contract's own schema does the final validation.
import { operations, type OpInput } from '../../../shared/api.js';
import type { Problem, ResendDraft } from '../../../shared/model.js';
import { withCurrentName } from '../../../shared/sign-schemes/hmac.js';
import { editableBody } from './editable-body.js';
import { DEFAULT_RETRY_FORM, retryPolicyOf, signChoiceOf, type RetryForm, type SignForm } from './send-options.js';

export interface ResendForm extends SignForm, RetryForm {
  to: string;
  method: string;
  /** One `Name: value` per line. */
  headersText: string;
  timeoutMs: string;
  /** The body being edited; null when the stored body is binary (then it is sent as stored). */
  bodyText: string | null;
  /** What the editor started from, to know whether it was edited: the stored body as text, formatted when compact JSON. */
  originalBody: string | null;
  /** originalBody is the stored JSON formatted: unedited, the stored bytes are sent. */
  formatted: boolean;
  /** Why there is no text to edit when the body is not binary (too large). */
  bodyNote: string | null;
  /** Only a prefix of the body was stored (it was over the limit)... */
  truncated: boolean;
  /** ...and the user chose to send that prefix as it is. */
  sendTruncated: boolean;
}

export function formFromDraft(draft: ResendDraft, lastTarget = ''): ResendForm {
  const scheme = withCurrentName(draft.scheme);
  const body = draft.bodyText === null ? null : editableBody(draft.bodyText);
  return {
    to: lastTarget || draft.originalUrl || '',
    method: draft.method,
    headersText: headersToText(draft.headers),
    signMode: 'keep',
    key: draft.key,
    scheme: scheme.type,
    template: scheme.template ?? '',
    signHeader: scheme.header ?? '',
    algorithm: scheme.algorithm ?? 'sha256',
    encoding: scheme.encoding ?? 'hex',
    prefix: scheme.prefix ?? '',
    signed: scheme.signed ?? '',
    newWebhookId: false,
    ...DEFAULT_RETRY_FORM,
    timeoutMs: '10000',
    bodyText: body?.text ?? null,
    originalBody: body?.text ?? null,
    formatted: body?.formatted ?? false,
    bodyNote: draft.bodyNote,
    truncated: draft.truncated,
    sendTruncated: false,
  };
}

export function headersToText(pairs: Array<[string, string]>): string {
  return pairs.map(([n, v]) => `${n}: ${v}`).join('\n');
}

export type ParsedHeaders = { ok: true; pairs: Array<[string, string]> } | { ok: false; error: string };

export function parseHeaders(text: string): ParsedHeaders {
  const pairs: Array<[string, string]> = [];
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return { ok: false, error: `header line ${i + 1}: expected "Name: value"` };
    pairs.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return { ok: true, pairs };
}

/** The warnings in a few words for a badge ("2 duplicate keys"); each problem in full for its title. */
export function warningSummary(warnings: Problem[]): { label: string; title: string } {
  const dup = warnings.filter((w) => w.code === 'duplicate-key' && w.path !== '$').length;
  const other = warnings.length - dup;
  const parts = [
    ...(dup > 0 ? [`${dup} duplicate key${dup === 1 ? '' : 's'}`] : []),
    ...(other > 0 ? [`${other} warning${other === 1 ? '' : 's'}`] : []),
  ];
  return { label: parts.join(', '), title: warnings.map((w) => `${w.path}: ${w.message}`).join('\n') };
}

export type BuiltInput = { ok: true; input: OpInput<'resend'> } | { ok: false; errors: string[] };

export function toResendInput(deliveryId: number, f: ResendForm): BuiltInput {
  const edits = requestOf(f);
  if (!edits.ok) return edits;
  const retry = retryPolicyOf(f);
  const input: OpInput<'resend'> = {
    deliveryId,
    to: f.to.trim(),
    ...edits.input,
    ...(retry ? { retry } : {}),
    timeoutMs: Number(f.timeoutMs),
  };
  return validated('resend', input);
}

export type BuiltCurlInput = { ok: true; input: OpInput<'copyAsCurl'> } | { ok: false; errors: string[] };

/** Copy as curl for what Send would send: the same request input, to the target (or, blank, where the delivery arrived). */
export function toCurlInput(deliveryId: number, f: ResendForm): BuiltCurlInput {
  const edits = requestOf(f);
  if (!edits.ok) return edits;
  return validated('copyAsCurl', { deliveryId, ...(f.to.trim() ? { to: f.to.trim() } : {}), ...edits.input });
}

type RequestInput = Required<Pick<OpInput<'resend'>, 'method' | 'headers' | 'sign'>> & Pick<OpInput<'resend'>, 'body' | 'allowTruncated'>;

/** What the request is made of, as the form says: Send and Copy as curl both start from this. */
function requestOf(f: ResendForm): { ok: true; input: RequestInput } | { ok: false; errors: string[] } {
  const headers = parseHeaders(f.headersText);
  if (!headers.ok) return { ok: false, errors: [headers.error] };
  const edited = f.bodyText !== null && f.bodyText !== f.originalBody;
  return {
    ok: true,
    input: {
      method: f.method.trim().toUpperCase(),
      headers: headers.pairs,
      ...(edited ? { body: { text: f.bodyText! } } : {}),
      sign: signChoiceOf(f, 'as-typed'),
      ...(f.truncated && f.sendTruncated ? { allowTruncated: true } : {}),
    },
  };
}

/** The contract's own validation, its messages as the form shows them. */
function validated<K extends 'resend' | 'copyAsCurl'>(
  op: K,
  input: OpInput<K>,
): { ok: true; input: OpInput<K> } | { ok: false; errors: string[] } {
  const checked = operations[op].input.safeParse(input);
  if (!checked.success) return { ok: false, errors: checked.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`) };
  return { ok: true, input };
}
