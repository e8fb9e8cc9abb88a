// Selected deliveries as fixture files (shared/fixture-format.ts, docs/FIXTURES.md): one NAME.json per
// delivery in arrival order, NAME.body beside it when the exact bytes need their own file, and the
// scenario's line for each, its offset from the first arrival. Only the raw capture is read. The
// zip (fixtures-zip.ts) takes a whole folder; `fixtures export` writes one page by page (pages.ts).
import { isJsonObject, stringField } from '../../../shared/contract/json-value.js';
import type { Fixture } from '../../../shared/fixture-format.js';
import { fixtureLayout, numberWidth, scenarioText } from '../../../shared/fixture-layout.js';
import { SCENARIO_FILE } from '../../../shared/fixture-format.js';
import { sha256Hex } from '../store/hash.js';
import type { Store, StoredDelivery } from '../store/index.js';
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
export function fixtureOfDelivery(
  store: Store,
  d: StoredDelivery,
  place: FixturePlace,
): { files: FixtureFile[]; entry: { file: string; offsetMs: number } } {
  const bytes = store.deliveries.body(d.id) ?? Buffer.alloc(0);
  const body = describeBody(bytes, d.headers, d.truncated);
  const stem = `${String(place.position).padStart(place.width, '0')}-${label(body, d)}-${d.id}`;
  const fixture = fixtureJson(d, bytes, body, body.exact ? undefined : `${stem}.body`);
  const files = [
    ...(fixture.bodyFile ? [{ name: fixture.bodyFile, data: bytes }] : []),
    { name: `${stem}.json`, data: Buffer.from(fixtureLayout(fixture), 'utf8') },
  ];
  return { files, entry: { file: `${stem}.json`, offsetMs: d.receivedAt - place.startedAt } };
}

/**
 * A whole folder's files: each delivery's NAME.json (and NAME.body), then scenario.json. All
 * deliveries or the given ids, in arrival order; one body in memory at a time.
 */
export function* fixtureFiles(store: Store, ids?: readonly number[]): Generator<FixtureFile> {
  const deliveries = (
    ids ? [...new Set(ids)].map((id) => store.deliveries.get(id)).filter((d) => d !== undefined) : [...store.allDeliveries()]
  ).sort((a, b) => a.receivedAt - b.receivedAt || a.id - b.id);
  const width = numberWidth(deliveries.length);
  const startedAt = deliveries[0]?.receivedAt ?? null;
  const scenario: Array<{ file: string; offsetMs: number }> = [];
  for (const [i, d] of deliveries.entries()) {
    const { files, entry } = fixtureOfDelivery(store, d, { position: i + 1, width, startedAt: startedAt! });
    yield* files;
    scenario.push(entry);
  }
  yield { name: SCENARIO_FILE, data: Buffer.from(scenarioText(CREATED_BY, startedAt, scenario), 'utf8') };
}

/** NAME.json's content: the request first, what it is known by next, the body last (it can be long). */
function fixtureJson(d: StoredDelivery, bytes: Buffer, body: FixtureBody, bodyFile: string | undefined): Fixture {
  const { response } = d;
  return {
    method: d.method,
    path: d.path,
    query: d.query,
    headers: d.headers,
    receivedAt: new Date(d.receivedAt).toISOString(),
    endpoint: d.endpoint,
    id: d.id,
    response: { status: response.status, delayMs: response.delayMs, hung: response.hung, reason: response.reason },
    size: bytes.byteLength,
    sha256: sha256Hex(bytes),
    truncated: d.truncated,
    bodyAs: body.bodyAs,
    ...(bodyFile !== undefined ? { bodyFile } : {}),
    ...(body.body !== undefined ? { body: body.body } : {}),
  };
}

/** The body's TaskID, else the endpoint: read from the capture, so a delivery not yet ingested is named the same. */
function label(b: FixtureBody, d: StoredDelivery): string {
  const taskId = b.bodyAs === 'json' && isJsonObject(b.body) ? stringField(b.body, 'TaskID') : null;
  return safeName(taskId ?? d.endpoint);
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
