// The jobs the body reader's process runs (body-process.ts): everything the API does with a stored
// body beyond handing over its bytes (decoding, lossless parsing, comparing, exporting) runs here, off
// the receiver's thread. A result carries at most MAX_TEXT_CHARS of a body's text: a body that
// inflates past it is shown cut, and a call bigger than that as JSON is refused with the reason. An
// export holds at most MAX_EXPORT_BYTES of stored bodies.
import { stringify } from 'lossless-json';
import type { RawBody } from '../../../shared/api.js';
import { decodeBody, isStoredUtf8Text } from '../ingest/decode.js';
import { parseJson } from '../../../shared/json/lossless-parse.js';
import { SCENARIO_FILE } from '../../../shared/fixture-format.js';
import { detailsEntry, diffSources } from './diff-sides.js';
import type { Store } from '../store/index.js';
import { exportHar } from '../transfer/export-har.js';
import { exportNdjson } from '../transfer/export-ndjson.js';
import { fixtureFiles } from '../transfer/fixtures-export.js';
import { exportCost, fixturePage, harPage, ndjsonPage } from '../transfer/export-pages.js';
import { readImportLines } from '../transfer/import-ndjson.js';
import { ingestCaptures } from '../transfer/fixtures-import.js';
import { zipFolder } from '../transfer/fixtures-zip.js';
import { BodyRefusal } from './refusal.js';
import type { BodyJob, BodyJobResults, Selection } from './messages.js';

/**
 * Text a result carries at most (UTF-16 code units): the default body limit, so a body that arrived
 * plain always shows whole; only one inflated beyond it (Content-Encoding, up to 64 MiB) is cut.
 */
export const MAX_TEXT_CHARS = 32 * 1024 * 1024;

/**
 * Stored body bytes one export through the API holds at most: it is built whole and answered as one
 * string (base64 and JSON make it larger still). The CLI's export commands write a file as they go
 * and have no such limit.
 */
export const MAX_EXPORT_BYTES = 64 * 1024 * 1024;

export function runBodyJob<T extends BodyJob>(store: Store, job: T): BodyJobResults[T['type']];
export function runBodyJob(store: Store, job: BodyJob): BodyJobResults[BodyJob['type']] {
  switch (job.type) {
    case 'diff':
      return diffSources(store, job.a, job.b);
    case 'call':
      return callEntry(store, job.deliveryId, job.index);
    case 'raw':
      return rawBody(store, job.id);
    case 'ndjson':
      return [...exportNdjson(store, selected(store, 'exportNdjson', job, 'export'))].join('');
    case 'har':
      return exportHar(store, selected(store, 'exportHar', job, 'export-har'), job.base);
    case 'fixtures':
      return fixtureZip(store, selected(store, 'exportFixtures', job, 'fixtures export'));
    case 'ndjson-page':
      return ndjsonPage(store, job);
    case 'har-page':
      return harPage(store, job, job.base);
    case 'fixture-page':
      return fixturePage(store, job);
    case 'import-lines':
      return readImportLines(store, job.lines, job.firstLine);
    case 'ingest':
      return ingestCaptures(store, job.captures);
  }
}

/** The selection's ids, or a refusal when their bodies are more than one answer carries. */
function selected(store: Store, op: string, s: Selection, command: string): number[] {
  const ids = s.ids ?? store.selection.idsMatching(s.filter ?? {}, s.limit);
  let bytes = 0;
  for (const id of ids) {
    const extent = store.deliveries.extent(id);
    if (extent) bytes += exportCost(extent);
  }
  if (bytes > MAX_EXPORT_BYTES) {
    throw new BodyRefusal(
      op,
      '',
      `these ${ids.length} deliveries make ${megabytes(bytes)} of bodies and headers, more than the ${megabytes(MAX_EXPORT_BYTES)} one export through the app carries: export fewer (narrow the filter), or use \`callback-inspector ${command}\`, which writes a file of any size`,
    );
  }
  return ids;
}

function fixtureZip(store: Store, ids: number[]): BodyJobResults['fixtures'] {
  const folder = `fixtures-${new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}`;
  const files = [...fixtureFiles(store, ids)];
  const fixtures = files.filter((f) => f.name.endsWith('.json') && f.name !== SCENARIO_FILE).length;
  return { fileName: `${folder}.zip`, fixtures, zipBase64: zipFolder(folder, files).toString('base64') };
}

function callEntry(store: Store, deliveryId: number, index: number): BodyJobResults['call'] {
  const delivery = store.deliveries.get(deliveryId);
  const raw = store.deliveries.body(deliveryId);
  if (!delivery || !raw) return null;
  const text = decodeBody(raw, delivery.headers).text;
  const parsed = text === null ? null : parseJson(text);
  const entry = detailsEntry(parsed?.ok ? parsed.value : undefined, index);
  const json = entry === undefined ? 'null' : (stringify(entry, undefined, 2) ?? 'null');
  if (json.length > MAX_TEXT_CHARS) {
    throw new BodyRefusal(
      'getCall',
      'index',
      `call ${index} of delivery #${deliveryId} is ${megabytes(json.length)} as JSON, more than the ${megabytes(MAX_TEXT_CHARS)} a call view carries; its delivery's Text and Hex tabs show the body`,
    );
  }
  return { json };
}

function rawBody(store: Store, id: number): RawBody | null {
  const delivery = store.deliveries.get(id);
  const raw = store.deliveries.body(id);
  if (!delivery || !raw) return null;
  const headers = delivery.headers;
  const base = { id, size: raw.byteLength, truncated: delivery.truncated, bytes: raw };
  // Most bodies: plain UTF-8, their text is their bytes, known without decoding (8 MB: tens of ms).
  if (raw.byteLength <= MAX_TEXT_CHARS && isStoredUtf8Text(raw, headers)) return { ...base, textUtf8: 'bytes', charset: 'utf-8' };
  const decoded = decodeBody(raw, headers);
  const text = decoded.text;
  // Cut between two UTF-16 units of one character, the text would end in half of it.
  const shownChars =
    text !== null && text.length > MAX_TEXT_CHARS ? MAX_TEXT_CHARS - (isHighSurrogate(text, MAX_TEXT_CHARS - 1) ? 1 : 0) : null;
  const shown = text !== null && shownChars !== null ? text.slice(0, shownChars) : text;
  return {
    ...base,
    textUtf8: shown === null ? null : utf8Of(shown, raw),
    charset: decoded.charset,
    ...(shownChars !== null && { decodedTextCut: { shownChars, decodedBytes: decoded.bytes.byteLength } }),
  };
}

/** The text in UTF-8, or `'bytes'` when that is the stored body byte for byte (most bodies: it then travels once). */
function utf8Of(text: string, stored: Uint8Array): Uint8Array | 'bytes' {
  const utf8 = Buffer.from(text, 'utf8');
  return utf8.equals(stored) ? 'bytes' : utf8;
}

function isHighSurrogate(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c >= 0xd800 && c <= 0xdbff;
}

function megabytes(chars: number): string {
  return `${Math.round((chars / 1024 ** 2) * 10) / 10} MiB`;
}
