// The diffBodies operation of the API contract (shared/api.ts): resolves each side (a delivery, one
// of its calls, the body a re-send attempt sent, the contract's example, text), decodes and parses
// it losslessly, and compares with the shared structural diff (shared/diff/). Spread into the service
// by createService; a side that does not exist is bad input (ApiInputError, a 400 naming the side).
import { stringify } from 'lossless-json';
import { ApiInputError, type ApiService } from '../../../shared/api.js';
import { CONTRACT_EXAMPLE_LABEL, CONTRACT_EXAMPLE_TEXT } from '../../../shared/contract/example.js';
import { field as memberOf, isJsonObject } from '../../../shared/contract/json-value.js';
import { compareBodies, type PreparedSide } from '../../../shared/diff/body-diff.js';
import type { DiffSource } from '../../../shared/diff/diff-source.js';
import { decodeBody } from '../ingest/decode.js';
import { parseJson } from '../ingest/lossless-parse.js';
import type { Store } from '../store/index.js';

export type DiffOps = Pick<ApiService, 'diffBodies'>;

export function createDiffOps({ store }: { store: Store }): DiffOps {
  return {
    async diffBodies({ a, b }) {
      return compareBodies(resolveSide(store, a, 'a'), resolveSide(store, b, 'b'));
    },
  };
}

/** A side from the store or the request; `field` names it in the error when it does not exist. */
export function resolveSide(store: Store | null, source: DiffSource, field: string): PreparedSide {
  switch (source.source) {
    case 'example':
      return prepareText(CONTRACT_EXAMPLE_LABEL, CONTRACT_EXAMPLE_TEXT);
    case 'text':
      return prepareText(source.label ?? 'text', source.text);
    case 'delivery': {
      const row = store?.deliveries.row(source.id);
      const raw = store?.deliveries.body(source.id);
      if (!row || !raw) throw missing(field, `there is no delivery #${source.id} (it may have been removed by retention)`);
      const notes = row.truncated === 1 ? ['stored truncated: only the first part of a body over the size limit was kept'] : [];
      return prepareBytes(`delivery #${source.id}`, raw, JSON.parse(row.headers) as Array<[string, string]>, notes);
    }
    case 'call': {
      const whole = resolveSide(store, { source: 'delivery', id: source.deliveryId }, field);
      const details = whole.json?.ok && isJsonObject(whole.json.value) ? memberOf(whole.json.value, 'Details') : undefined;
      const entry = Array.isArray(details) ? details[source.index] : undefined;
      if (entry === undefined) throw missing(field, `delivery #${source.deliveryId} has no call ${source.index} (Details[${source.index}])`);
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
  if (duplicates) notes.unshift(`${duplicates} duplicate key${duplicates === 1 ? '' : 's'}: the last value of each is compared (as JSON.parse reads it)`);
  return { json: { ok: true, value: parsed.value }, notes };
}

function missing(field: string, message: string): ApiInputError {
  return new ApiInputError('diffBodies', [{ path: field, message }]);
}
