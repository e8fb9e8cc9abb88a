// The two sides of a comparison: resolves each (a delivery, one of its calls, the body a re-send
// attempt sent, the contract's example, text), decodes and parses it losslessly, and compares with the
// shared structural diff (shared/diff/). The API's diffBodies runs this in the body reader's process
// (body-jobs.ts), never on the receiver's; the CLI's `diff` in its own process. A side that does not
// exist is bad input (ApiInputError, a 400 naming the side).
import { stringify } from 'lossless-json';
import { ApiInputError } from '../../../shared/api.js';
import { CONTRACT_EXAMPLE_LABEL, CONTRACT_EXAMPLE_TEXT } from '../../../shared/contract/example.js';
import { field as memberOf, isJsonObject, type JsonValue } from '../../../shared/contract/json-value.js';
import { compareBodies, type BodyDiff, type PreparedSide } from '../../../shared/diff/body-diff.js';
import type { DiffSource } from '../../../shared/diff/diff-source.js';
import { decodeBody } from '../ingest/decode.js';
import { headerValue } from '../../../shared/header-values.js';
import { parseJson } from '../../../shared/json/lossless-parse.js';
import type { Store } from '../store/index.js';

/** Both sides resolved and compared; what the body reader's process runs for diffBodies. */
export function diffSources(store: Store | null, a: DiffSource, b: DiffSource): BodyDiff {
  // A retry's ⇄ compares two deliveries of the same bytes: decoded and parsed once, not twice.
  const memo: DecodedMemo = new Map();
  return compareBodies(resolveSide(store, a, 'a', memo), resolveSide(store, b, 'b', memo));
}

/** Stored bodies already decoded and parsed in this comparison, by bytes and the headers that decode them. */
type DecodedMemo = Map<string, Omit<PreparedSide, 'label'>>;

/** A side from the store or the request; `field` names it in the error when it does not exist. */
export function resolveSide(store: Store | null, source: DiffSource, field: string, memo?: DecodedMemo): PreparedSide {
  switch (source.source) {
    case 'example':
      return prepareText(CONTRACT_EXAMPLE_LABEL, CONTRACT_EXAMPLE_TEXT);
    case 'text':
      return prepareText(source.label ?? 'text', source.text);
    case 'bytes':
      return prepareBytes(source.label ?? 'bytes', Buffer.from(source.base64, 'base64'), []);
    case 'delivery': {
      const delivery = store?.deliveries.get(source.id);
      if (!delivery) throw missing(field, `there is no delivery #${source.id} (it may have been removed by retention)`);
      const { headers } = delivery;
      const label = `delivery #${source.id}`;
      const notes = delivery.truncated ? ['stored truncated: only the first part of a body over the size limit was kept'] : [];
      const key = `${delivery.sha256}\n${headerValue(headers, 'content-encoding') ?? ''}\n${headerValue(headers, 'content-type') ?? ''}`;
      const known = memo?.get(key);
      if (known) return { ...known, label, notes: [...notes, ...(known.notes ?? [])] };
      const raw = store?.deliveries.body(source.id);
      if (!raw) throw missing(field, `there is no delivery #${source.id} (it may have been removed by retention)`);
      const { label: _, ...prepared } = prepareBytes(label, raw, headers);
      memo?.set(key, prepared);
      return { ...prepared, label, notes: [...notes, ...(prepared.notes ?? [])] };
    }
    case 'call': {
      const whole = resolveSide(store, { source: 'delivery', id: source.deliveryId }, field, memo);
      const entry = detailsEntry(whole.json?.ok ? whole.json.value : undefined, source.index);
      if (entry === undefined)
        throw missing(field, `delivery #${source.deliveryId} has no call ${source.index} (Details[${source.index}])`);
      return prepareText(`call ${source.index} of delivery #${source.deliveryId}`, stringify(entry, undefined, 2) ?? 'null');
    }
    case 'send': {
      const sent = store?.sends.detail(source.id);
      if (!sent) throw missing(field, `there is no re-send attempt #${source.id}`);
      const label = `body sent by attempt #${source.id} (job ${sent.jobId}, try ${sent.attempt}, to ${sent.url})`;
      return prepareBytes(label, Buffer.from(sent.requestBodyBase64, 'base64'), sent.requestHeaders);
    }
  }
}

/** `Details[index]` of a parsed body, or undefined when there is none. */
export function detailsEntry(body: JsonValue | undefined, index: number): JsonValue | undefined {
  const details = body !== undefined && isJsonObject(body) ? memberOf(body, 'Details') : undefined;
  return Array.isArray(details) ? details[index] : undefined;
}

/** Stored bytes as a side: Content-Encoding undone and the charset decoded as the delivery's headers say. */
export function prepareBytes(label: string, raw: Uint8Array, headers: Array<[string, string]>, notes: string[] = []): PreparedSide {
  const decoded = decodeBody(raw, headers);
  const parsed = decoded.text === null ? null : parseText(decoded.text);
  return { label, bytes: decoded.bytes, text: decoded.text, json: parsed?.json ?? null, notes: [...notes, ...(parsed?.notes ?? [])] };
}

function prepareText(label: string, text: string): PreparedSide {
  const { json, notes } = parseText(text);
  return { label, bytes: new TextEncoder().encode(text), text, json, notes };
}

function parseText(text: string): Pick<PreparedSide, 'json'> & { notes: string[] } {
  const parsed = parseJson(text);
  if (!parsed.ok) return { json: { ok: false, error: parsed.error.message }, notes: [] };
  const duplicates = parsed.problems.filter((p) => p.code === 'duplicate-key').length;
  const notes = parsed.problems.filter((p) => p.code !== 'duplicate-key').map((p) => p.message);
  if (duplicates)
    notes.unshift(`${duplicates} duplicate key${duplicates === 1 ? '' : 's'}: the last value of each is compared (as JSON.parse reads it)`);
  return { json: { ok: true, value: parsed.value }, notes };
}

function missing(field: string, message: string): ApiInputError {
  return new ApiInputError('diffBodies', [{ path: field, message }]);
}
