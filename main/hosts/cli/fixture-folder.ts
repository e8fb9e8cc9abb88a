// A fixture folder (docs/FIXTURES.md) on the user's disk, moved through the core of the data
// directory: `fixtures export` writes the pages of exportFixturePage into a new folder and then
// scenario.json; `fixtures import` (and replay's import) reads the folder here and sends the
// fixtures to importFixtures in bounded batches. The core makes and stores; this side reads and writes files.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPORT_PAGE_BYTES, IMPORT_BATCH_LINES, type ApiClient, type DeliveryFilter, type FixtureToImport } from '../../../shared/api.js';
import { SCENARIO_FILE } from '../../../shared/fixture-format.js';
import { numberWidth, scenarioText } from '../../../shared/fixture-layout.js';
import type { FixtureFault, FixtureFolder, LoadedFixture } from '../../core/transfer/fixtures-read.js';
import { retryLinks } from '../../core/transfer/fixtures-import.js';
import { version } from '../../core/version.js';

/** Fixtures one page holds at most (it also stops at EXPORT_PAGE_BYTES). */
const PAGE_SIZE = 1000;

export type FolderSelection = { ids: number[] } | { filter: DeliveryFilter };

export type FolderExportResult = { ok: true; fixtures: number; files: number } | { ok: false; error: string };

/**
 * Writes the selection's fixture folder into `dir`, new or empty (two exports never mix). The
 * selection as it stands at the start: deliveries arriving meanwhile are left for the next export.
 */
export async function exportFixtureFolder(client: ApiClient, dir: string, selection: FolderSelection): Promise<FolderExportResult> {
  if (existsSync(dir) && !statSync(dir).isDirectory()) return { ok: false, error: `${dir} is a file: give a folder` };
  if (existsSync(dir) && readdirSync(dir).length > 0)
    return { ok: false, error: `${dir} is not empty: choose a new folder (fixtures are never mixed with other files)` };
  const count = 'ids' in selection ? new Set(selection.ids).size : (await client.countDeliveries({ filter: selection.filter })).total;
  const width = numberWidth(count);
  mkdirSync(dir, { recursive: true });
  const scenario: Array<{ file: string; offsetMs: number }> = [];
  let files = 0;
  let startedAt: number | null = null;
  let after: { receivedAt: number; id: number } | undefined;
  while (scenario.length < count) {
    const page = await client.exportFixturePage({
      ...selection,
      ...(after ? { after } : {}),
      ...(startedAt !== null ? { startedAt } : {}),
      limit: Math.min(PAGE_SIZE, count - scenario.length),
      index: scenario.length,
      width,
    });
    startedAt = page.startedAt;
    for (const f of page.files) writeFileSync(join(dir, f.name), Buffer.from(f.base64, 'base64'));
    files += page.files.length;
    scenario.push(...page.scenario);
    if (!page.next) break;
    after = page.next;
  }
  writeFileSync(join(dir, SCENARIO_FILE), scenarioText(`Callback Inspector ${version}`, startedAt, scenario));
  return { ok: true, fixtures: scenario.length, files: files + 1 };
}

export interface FolderImportReport {
  imported: number;
  skipped: number;
  errors: FixtureFault[];
  /** The store's delivery for each fixture read, in scenario order (new or already present). */
  deliveries: Array<{ file: string; id: number; offsetMs: number }>;
}

/** Stores the fixtures read from a folder (readFixtureFolder); its faults are reported with them. */
export async function importFixtureFolder(client: ApiClient, folder: FixtureFolder): Promise<FolderImportReport> {
  const report: FolderImportReport = { imported: 0, skipped: 0, errors: folder.errors, deliveries: [] };
  const links = retryLinks(folder.fixtures);
  const storeIdOf = new Map<string, number>();
  let batch: FixtureToImport[] = [];
  let offsets: number[] = [];
  let bytes = 0;
  const send = async () => {
    if (batch.length === 0) return;
    const inBatch = new Set(batch.map((f) => f.file));
    const earlier = batch.flatMap((f): Array<[string, number]> =>
      f.retryOf !== null && !inBatch.has(f.retryOf) && storeIdOf.has(f.retryOf) ? [[f.retryOf, storeIdOf.get(f.retryOf)!]] : [],
    );
    const stored = await client.importFixtures({ fixtures: batch, earlier });
    report.imported += stored.imported;
    report.skipped += stored.skipped;
    for (const [i, d] of stored.deliveries.entries()) {
      storeIdOf.set(d.file, d.id);
      report.deliveries.push({ ...d, offsetMs: offsets[i]! });
    }
    batch = [];
    offsets = [];
    bytes = 0;
  };
  for (const [i, f] of folder.fixtures.entries()) {
    const item = toImport(f, links[i]!);
    if (batch.length >= IMPORT_BATCH_LINES || (batch.length > 0 && bytes + item.bodyBase64.length > EXPORT_PAGE_BYTES)) await send();
    batch.push(item);
    offsets.push(f.offsetMs);
    bytes += item.bodyBase64.length;
  }
  await send();
  return report;
}

function toImport(f: LoadedFixture, link: { retryOf: string | null; attempt: number }): FixtureToImport {
  const c = f.captured;
  return {
    file: f.file,
    ...(f.id !== null ? { id: f.id } : {}),
    receivedAt: c.receivedAt,
    endpoint: c.endpoint,
    method: c.method,
    path: c.path,
    query: c.query,
    headers: c.headers,
    bodyBase64: Buffer.from(c.body).toString('base64'),
    truncated: c.truncated,
    response: f.response,
    retryOf: link.retryOf,
    attempt: link.attempt,
  };
}
