// Exports page by page (shared/transfer-api.ts) and imports in batches, through the core's API: a
// selection of any size comes out whole and in order, each answer stays bounded, and a file's retry
// links survive the batch boundaries of its import.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_PAGE_BYTES, IMPORT_BATCH_LINES, type HarPage, type NdjsonPage } from '../../shared/api.js';
import type { ExportLine } from '../../shared/export-format.js';
import { exportPages, type ExportSelection } from '../../shared/export-paging.js';
import { generateCallbacks } from '../../main/core/generate/call-end.js';
import { importLines } from '../../main/hosts/cli/import-batches.js';
import { exportFixtureFolder } from '../../main/hosts/cli/fixture-folder.js';
import { startTestCore, tempDir } from './support/core.js';
import { exportLine } from './support/export-line.js';

const T0 = Date.UTC(2024, 4, 22, 3, 0, 0);
/** Deliveries in the file: more than two import batches and two export pages. */
const N = 2 * IMPORT_BATCH_LINES + 300;
/** The line (0-based) that repeats the file's first delivery, in the second batch. */
const RETRY_LINE = IMPORT_BATCH_LINES + 150;

const line = (id: number, body: Buffer, at: number, endpoint = 'default', more: Partial<ExportLine> = {}) =>
  exportLine(id, body, T0 + at, { endpoint, path: endpoint === 'default' ? '/' : `/hooks/${endpoint}/`, ...more });

let core: Awaited<ReturnType<typeof startTestCore>>;
const bodies = [...generateCallbacks({ calls: N, redials: 1, seed: 'pages', scheme: { type: 'md5-template' } })].map((g) =>
  Buffer.from(g.body),
);
/** Each page's size in deliveries. */
const pageSizes = async <P extends NdjsonPage | HarPage>(fetch: (i: never) => Promise<P>, selection: ExportSelection) => {
  const pages: P[] = [];
  for await (const p of exportPages(fetch as never, selection)) pages.push(p as P);
  return pages;
};

beforeAll(async () => {
  core = await startTestCore();
  // Id 10 is taken before the import: the file's delivery 10 gets another id, which its retry must follow.
  expect(await core.api.importNdjson({ lines: [line(10, Buffer.from('{"taken":true}'), -60_000, 'other')] })).toMatchObject({
    imported: 1,
  });
  const lines = bodies.map((b, i) =>
    i === RETRY_LINE ? line(10 * (i + 1), bodies[0]!, 60_000, 'default', { retryOf: 10, attempt: 2 }) : line(10 * (i + 1), b, i * 1000),
  );
  const errors: unknown[] = [];
  const totals = await importLines(
    core.api,
    (async function* () {
      yield* lines;
    })(),
    (r) => errors.push(...r.errors),
  );
  expect(errors).toEqual([]);
  expect(totals).toEqual({ imported: N, skipped: 0, errors: 0 });
}, 120_000);
afterAll(async () => {
  await core.cleanup();
});

describe('import in batches', () => {
  it('keeps a retry link that crosses a batch boundary to a delivery whose id changed', async () => {
    const [first] = (await core.api.exportNdjson({ filter: { endpoint: 'default' }, limit: 1 }))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ExportLine);
    expect(first!.id).not.toBe(10);
    expect(first!.sha256).toBe(createHash('sha256').update(bodies[0]!).digest('hex'));
    const retry = JSON.parse(await core.api.exportNdjson({ ids: [10 * (RETRY_LINE + 1)] })) as ExportLine;
    expect(retry).toMatchObject({ retryOf: first!.id, attempt: 2 });
  });
});

describe('export pages', () => {
  it('count what a filter selects', async () => {
    expect((await core.api.countDeliveries({})).total).toBe(N + 1);
    expect((await core.api.countDeliveries({ filter: { endpoint: 'other' } })).total).toBe(1);
    expect(await core.api.missingDeliveries({ ids: [20, 999_999, 30, 15] })).toEqual({ missing: [999_999, 15] });
  });

  it('page through a filter oldest first, together the whole export, none over its size', async () => {
    const pages = await pageSizes(core.api.exportNdjsonPage, { filter: { endpoint: 'default' } });
    expect(pages.length).toBe(Math.ceil(N / 1000));
    expect(pages.map((p) => p.more)).toEqual([...pages.slice(1).map(() => true), false]);
    const whole = await core.api.exportNdjson({ filter: { endpoint: 'default' }, limit: 10_000 });
    expect(pages.map((p) => p.ndjson).join('')).toBe(whole);
    expect(whole.trim().split('\n')).toHaveLength(N);
  });

  it('give the ids asked in their order, skipping the ones not stored, and a limit stops a filter at the oldest n', async () => {
    const pages = await pageSizes(core.api.exportNdjsonPage, { ids: [50, 999_999, 20, 50] });
    expect(
      pages.flatMap((p) =>
        p.ndjson
          .trim()
          .split('\n')
          .map((l) => (JSON.parse(l) as ExportLine).id),
      ),
    ).toEqual([50, 20, 50]);
    const limited = await pageSizes(core.api.exportNdjsonPage, { filter: { endpoint: 'default' }, limit: 1500 });
    const ids = limited.flatMap((p) =>
      p.ndjson
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as ExportLine).id),
    );
    expect(ids).toHaveLength(1500);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('stop a page at its byte size, at least one delivery each, and HAR pages hold the whole HAR', async () => {
    // 2.5 MiB: 3.3 MiB as base64, two to a page.
    const big = Buffer.from(JSON.stringify({ pad: 'x'.repeat(2.5 * 1024 * 1024) }));
    await core.api.importNdjson({
      lines: [1, 2, 3, 4].map((i) => line(100_000 + i, Buffer.concat([big, Buffer.from(String(i))]), N * 1000 + i, 'big')),
    });
    const pages = await pageSizes(core.api.exportNdjsonPage, { filter: { endpoint: 'big' } });
    expect(pages.map((p) => p.taken)).toEqual([2, 2]);
    for (const p of pages) expect(p.ndjson.length).toBeLessThan(EXPORT_PAGE_BYTES + 64 * 1024);
    const har = await pageSizes(core.api.exportHarPage, { filter: {} });
    expect(har.flatMap((p) => p.entries)).toEqual((await core.api.exportHar({ filter: {}, limit: 10_000 })).log.entries);
  });

  it('of fixtures write the folder the zip holds, file for file', async () => {
    const ids = Array.from({ length: 1200 }, (_, i) => 10 * (i + 2));
    const dir = tempDir('ci-pages-');
    try {
      const folder = join(dir.path, 'folder');
      expect(await exportFixtureFolder(core.api, folder, { ids })).toMatchObject({ ok: true, fixtures: 1200 });
      const zip = await core.api.exportFixtures({ ids });
      const zipped = unzipSync(Buffer.from(zip.zipBase64, 'base64'));
      const prefix = zip.fileName.replace(/\.zip$/, '/');
      const names = readdirSync(folder).sort();
      expect(
        Object.keys(zipped)
          .map((n) => n.slice(prefix.length))
          .sort(),
      ).toEqual(names);
      for (const name of names) expect(Buffer.from(zipped[prefix + name]!).equals(readFileSync(join(folder, name))), name).toBe(true);
    } finally {
      dir.remove();
    }
  });
});
