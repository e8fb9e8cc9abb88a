// Selected deliveries as fixture files (shared/fixture-format.ts, docs/FIXTURES.md): one NAME.json per
// delivery in arrival order, NAME.body beside it when the exact bytes need their own file, and the
// scenario's line for each, its offset from the first arrival. Only the raw capture is read. The
// zip (fixtures-zip.ts) takes a whole folder; `fixtures export` writes one page by page (pages.ts).
import { isJsonObject, stringField } from '../../../shared/contract/json-value.js';
import type { Fixture } from '../../../shared/fixture-format.js';
import { fixtureLayout, numberWidth, scenarioText } from '../../../shared/fixture-layout.js';
import { SCENARIO_FILE } from '../../../shared/fixture-format.js';
import type { GivenResponse } from '../../../shared/model.js';
import { sha256Hex } from '../store/hash.js';
import type { DeliveryRow, Store } from '../store/index.js';
import { version } from '../version.js';
import { describeBody, type FixtureBody } from './fixtures-body.js';

export interface FixtureFile {
  name: string;
  data: Buffer;
}

/** Where a fixture stands in its folder: number `position` of `width` digits, its offset counted from `startedAt`. */
export interface FixturePlace {
  position: number;
  width: number;
  startedAt: number;
}

/** scenario.json's `createdBy`. */
export const CREATED_BY = `Callback Inspector ${version}`;

/** One delivery's files (NAME.body first when there is one, then NAME.json) and its line of scenario.json. */
export function fixtureOfRow(
  store: Store,
  row: DeliveryRow,
  place: FixturePlace,
): { files: FixtureFile[]; entry: { file: string; offsetMs: number } } {
  const bytes = store.deliveries.body(row.id) ?? Buffer.alloc(0);
  const headers = JSON.parse(row.headers) as Array<[string, string]>;
  const body = describeBody(bytes, headers, row.truncated === 1);
  const stem = `${String(place.position).padStart(place.width, '0')}-${label(body, row)}-${row.id}`;
  const fixture = fixtureOf(row, headers, bytes, body, body.exact ? undefined : `${stem}.body`);
  const files = [
    ...(fixture.bodyFile ? [{ name: fixture.bodyFile, data: bytes }] : []),
    { name: `${stem}.json`, data: Buffer.from(fixtureLayout(fixture), 'utf8') },
  ];
  return { files, entry: { file: `${stem}.json`, offsetMs: row.received_at - place.startedAt } };
}

/**
 * A whole folder's files: each delivery's NAME.json (and NAME.body), then scenario.json. All
 * deliveries or the given ids, in arrival order; one body in memory at a time.
 */
export function* fixtureFiles(store: Store, ids?: readonly number[]): Generator<FixtureFile> {
  const rows = (
    ids ? [...new Set(ids)].map((id) => store.deliveries.row(id)).filter((r) => r !== undefined) : [...store.allDeliveries()]
  ).sort((a, b) => a.received_at - b.received_at || a.id - b.id);
  const width = numberWidth(rows.length);
  const startedAt = rows[0]?.received_at ?? null;
  const scenario: Array<{ file: string; offsetMs: number }> = [];
  for (const [i, row] of rows.entries()) {
    const { files, entry } = fixtureOfRow(store, row, { position: i + 1, width, startedAt: startedAt! });
    yield* files;
    scenario.push(entry);
  }
  yield { name: SCENARIO_FILE, data: Buffer.from(scenarioText(CREATED_BY, startedAt, scenario), 'utf8') };
}

/** NAME.json's content: the request first, what it is known by next, the body last (it can be long). */
function fixtureOf(
  row: DeliveryRow,
  headers: Array<[string, string]>,
  bytes: Buffer,
  body: FixtureBody,
  bodyFile: string | undefined,
): Fixture {
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

/** The body's TaskID, else the endpoint: read from the capture, so a delivery not yet ingested is named the same. */
function label(b: FixtureBody, row: DeliveryRow): string {
  const taskId = b.bodyAs === 'json' && isJsonObject(b.body) ? stringField(b.body, 'TaskID') : null;
  return safeName(taskId ?? row.endpoint);
}

/** Letters, digits, `_` and `-` only (no dots, spaces, separators or reserved characters on any OS), at most 40. */
export function safeName(text: string): string {
  return (
    text
      .replace(/[^A-Za-z0-9_-]+/g, '_')
      .replace(/^[_-]+|[_-]+$/g, '')
      .slice(0, 40) || 'delivery'
  );
}
