// The jobs the body reader's process runs (body-process.ts): everything the API does with a stored
// body beyond handing over its bytes (decoding, lossless parsing, comparing) runs here, off the
// receiver's thread. A result carries at most MAX_TEXT_CHARS of a body's text: a body that inflates
// past it is shown cut, and a call bigger than that as JSON is refused with the reason.
import { stringify } from 'lossless-json';
import type { RawBody } from '../../../shared/api.js';
import { decodeBody } from '../ingest/decode.js';
import { parseJson } from '../ingest/lossless-parse.js';
import { detailsEntry, diffSources } from '../service/diff-ops.js';
import type { Store } from '../store/index.js';
import { BodyRefusal } from './refusal.js';
import type { BodyJob, BodyJobResults } from './messages.js';

/**
 * Text a result carries at most (UTF-16 code units): the default body limit, so a body that arrived
 * plain always shows whole; only one inflated beyond it (Content-Encoding, up to 64 MiB) is cut.
 */
export const MAX_TEXT_CHARS = 32 * 1024 * 1024;

export function runBodyJob<T extends BodyJob>(store: Store, job: T): BodyJobResults[T['type']];
export function runBodyJob(store: Store, job: BodyJob): BodyJobResults[BodyJob['type']] {
  switch (job.type) {
    case 'diff':
      return diffSources(store, job.a, job.b);
    case 'call':
      return callEntry(store, job.deliveryId, job.index);
    case 'raw':
      return rawBody(store, job.id);
  }
}

function callEntry(store: Store, deliveryId: number, index: number): BodyJobResults['call'] {
  const row = store.deliveries.row(deliveryId);
  const raw = store.deliveries.body(deliveryId);
  if (!row || !raw) return null;
  const text = decodeBody(raw, JSON.parse(row.headers) as Array<[string, string]>).text;
  const parsed = text === null ? null : parseJson(text);
  const entry = detailsEntry(parsed?.ok ? parsed.value : undefined, index);
  const json = entry === undefined ? 'null' : (stringify(entry, undefined, 2) ?? 'null');
  if (json.length > MAX_TEXT_CHARS) {
    throw new BodyRefusal('getCall', 'index', `call ${index} of delivery #${deliveryId} is ${megabytes(json.length)} as JSON, more than the ${megabytes(MAX_TEXT_CHARS)} a call view carries; its delivery's Text and Hex tabs show the body`);
  }
  return { json };
}

function rawBody(store: Store, id: number): RawBody | null {
  const row = store.deliveries.row(id);
  const raw = store.deliveries.body(id);
  if (!row || !raw) return null;
  const decoded = decodeBody(raw, JSON.parse(row.headers) as Array<[string, string]>);
  const cut = decoded.text !== null && decoded.text.length > MAX_TEXT_CHARS;
  return {
    id,
    size: raw.byteLength,
    truncated: row.truncated === 1,
    base64: raw.toString('base64'),
    decodedText: cut ? decoded.text!.slice(0, MAX_TEXT_CHARS) : decoded.text,
    charset: decoded.charset,
    ...(cut && { decodedTextCut: { shownChars: MAX_TEXT_CHARS, decodedBytes: decoded.bytes.byteLength } }),
  };
}

function megabytes(chars: number): string {
  return `${Math.round((chars / 1024 ** 2) * 10) / 10} MiB`;
}
