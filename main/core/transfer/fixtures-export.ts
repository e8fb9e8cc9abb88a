// Writes selected deliveries as a fixture folder (shared/fixture-format.ts, docs/FIXTURES.md): one
// NAME.json per delivery in arrival order, NAME.body beside it when the exact bytes need their own
// file, and scenario.json with each one's offset from the first arrival. Only the raw capture is read.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'lossless-json';
import { SCENARIO_FILE, SCENARIO_FORMAT, SCENARIO_VERSION, type Fixture, type ScenarioManifest } from '../../../shared/fixture-format.js';
import { isJsonObject, stringField } from '../../../shared/contract/json-value.js';
import type { GivenResponse } from '../../../shared/model.js';
import { sha256Hex } from '../store/hash.js';
import type { DeliveryRow, Store } from '../store/index.js';
import { version } from '../version.js';
import { describeBody, type FixtureBody } from './fixtures-body.js';

export interface FixtureFile {
  name: string;
  data: Buffer;
}

/**
 * The folder's files: each delivery's NAME.json (and NAME.body), then scenario.json. All deliveries
 * or the given ids, in arrival order; one body in memory at a time.
 */
export function* fixtureFiles(store: Store, ids?: readonly number[]): Generator<FixtureFile> {
  const rows = (ids ? [...new Set(ids)].map((id) => store.deliveries.row(id)).filter((r) => r !== undefined) : [...store.allDeliveries()]).sort(
    (a, b) => a.received_at - b.received_at || a.id - b.id,
  );
  const width = Math.max(4, String(rows.length).length);
  const first = rows[0]?.received_at ?? 0;
  const manifest: ScenarioManifest = {
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    createdBy: `Callback Inspector ${version}`,
    startedAt: rows.length ? new Date(first).toISOString() : null,
    fixtures: [],
  };
  for (const [i, row] of rows.entries()) {
    const bytes = store.deliveries.body(row.id) ?? Buffer.alloc(0);
    const headers = JSON.parse(row.headers) as Array<[string, string]>;
    const body = describeBody(bytes, headers, row.truncated === 1);
    const stem = `${String(i + 1).padStart(width, '0')}-${label(body, row)}-${row.id}`;
    const fixture = fixtureOf(row, headers, bytes, body, body.exact ? undefined : `${stem}.body`);
    if (fixture.bodyFile) yield { name: fixture.bodyFile, data: bytes };
    yield { name: `${stem}.json`, data: Buffer.from(layout(fixture), 'utf8') };
    manifest.fixtures.push({ file: `${stem}.json`, offsetMs: row.received_at - first });
  }
  yield { name: SCENARIO_FILE, data: Buffer.from(layout(manifest), 'utf8') };
}

export type FixtureExportResult = { ok: true; fixtures: number; files: number } | { ok: false; error: string };

/** Writes the folder; refuses one that already holds files, so two exports never mix. */
export function exportFixtures(store: Store, dir: string, ids?: readonly number[]): FixtureExportResult {
  if (existsSync(dir) && !statSync(dir).isDirectory()) return { ok: false, error: `${dir} is a file: give a folder` };
  if (existsSync(dir) && readdirSync(dir).length > 0) return { ok: false, error: `${dir} is not empty: choose a new folder (fixtures are never mixed with other files)` };
  mkdirSync(dir, { recursive: true });
  let files = 0;
  let fixtures = 0;
  for (const file of fixtureFiles(store, ids)) {
    writeFileSync(join(dir, file.name), file.data);
    files++;
    if (file.name.endsWith('.json') && file.name !== SCENARIO_FILE) fixtures++;
  }
  return { ok: true, fixtures, files };
}

/** NAME.json's content: the request first, what it is known by next, the body last (it can be long). */
function fixtureOf(row: DeliveryRow, headers: Array<[string, string]>, bytes: Buffer, body: FixtureBody, bodyFile: string | undefined): Fixture {
  const response = JSON.parse(row.response) as GivenResponse;
  return {
    method: row.method,
    path: row.path,
    query: row.query,
    headers,
    receivedAt: new Date(row.received_at).toISOString(),
    endpoint: row.endpoint,
    id: row.id,
    response: { status: response.status, delayMs: response.delayMs, hung: response.hung, reason: response.reason },
    size: bytes.byteLength,
    sha256: sha256Hex(bytes),
    truncated: row.truncated === 1,
    bodyAs: body.bodyAs,
    ...(bodyFile !== undefined ? { bodyFile } : {}),
    ...(body.body !== undefined ? { body: body.body } : {}),
  };
}

/**
 * Indented JSON for reading and diffing: one field per line, and one line per header pair or
 * scenario entry; the body indented, its numbers as written (lossless-json).
 */
function layout(value: Fixture | ScenarioManifest): string {
  const fields = Object.entries(value).map(([key, v]: [string, unknown]) => {
    if (key === 'body') return `  "body": ${(stringify(v, undefined, 2) ?? 'null').replaceAll('\n', '\n  ')}`;
    const text = Array.isArray(v) ? listLayout(v) : v !== null && typeof v === 'object' ? compactObject(v) : JSON.stringify(v);
    return `  ${JSON.stringify(key)}: ${text}`;
  });
  return `{\n${fields.join(',\n')}\n}\n`;
}

function listLayout(items: unknown[]): string {
  if (items.length === 0) return '[]';
  const lines = items.map((item) => `    ${Array.isArray(item) ? `[${item.map((x) => JSON.stringify(x)).join(', ')}]` : compactObject(item)}`);
  return `[\n${lines.join(',\n')}\n  ]`;
}

const compactObject = (o: unknown) => `{ ${Object.entries(o as object).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')} }`;

/** The body's TaskID, else the endpoint: read from the capture, so a delivery not yet ingested is named the same. */
function label(b: FixtureBody, row: DeliveryRow): string {
  const taskId = b.bodyAs === 'json' && isJsonObject(b.body) ? stringField(b.body, 'TaskID') : null;
  return safeName(taskId ?? row.endpoint);
}

/** Letters, digits, `_` and `-` only (no dots, spaces, separators or reserved characters on any OS), at most 40. */
export function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[_-]+|[_-]+$/g, '').slice(0, 40) || 'delivery';
}
