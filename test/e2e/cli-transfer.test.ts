// export, export-har, import, fixtures export/import and diff reach the core of their data directory
// (issue 17, item 1): beside a running `serve` over its API, alone through a core of their own. Run
// on two copies of one store, once each way, they must say and write the same. And an export writes
// everything it selects (issue 16, item 4): export-har wrote the first 1,000 and said nothing.
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportLine } from '../../shared/export-format.js';
import { generateCallbacks } from '../../main/core/generate/call-end.js';
import { startServe, type Served } from './support/browser.js';
import { runCli, type CliResult } from './support/cli.js';
import { tempDir } from '../integration/support/core.js';
import { exportLine } from '../integration/support/export-line.js';

const T0 = Date.UTC(2024, 4, 22, 3, 0, 0);
/** More than one export page (1,000 deliveries) and one import batch. */
const N = 1600;

const line = (id: number, body: Buffer, at: number, more: Partial<ExportLine> = {}) => exportLine(id, body, T0 + at, more);

const bodies = [...generateCallbacks({ calls: N + 3, redials: 2, seed: 'transfer', scheme: { type: 'md5-template' } })].map((g) =>
  Buffer.from(g.body),
);
/** The store both copies start from: call-ends, a vendor retry, a gzip body and bytes that are not UTF-8 at another endpoint. */
const storeLines = [
  ...bodies.slice(0, N).map((b, i) => line(i + 1, b, i * 1000)),
  line(N + 1, bodies[0]!, 60_000, { retryOf: 1, attempt: 2 }),
  line(N + 2, gzipSync(bodies[1]!), N * 1000, {
    headers: [
      ['Content-Type', 'application/json'],
      ['Content-Encoding', 'gzip'],
    ],
  }),
  line(N + 3, Buffer.from([0xff, 0xfe, 0x00, 0x01]), N * 1000 + 1, {
    endpoint: 'acme',
    path: '/hooks/acme/',
    headers: [['Content-Type', 'application/octet-stream']],
    kind: 'not-json',
  }),
].join('\n');
/** What is imported afterwards: three new deliveries, one already there, one broken line. */
const laterLines = [
  ...bodies.slice(N, N + 3).map((b, i) => line(900_001 + i, b, (N + 10 + i) * 1000)),
  line(5, bodies[4]!, 4 * 1000),
  '{"id": 1}',
].join('\n');

/** One directory for the whole file: its tests run in order on the same two copies. */
const dir = tempDir('ci-transfer-');
const work = dir.path;
let alone: string;
let beside: string;
let served: Served;

beforeAll(async () => {
  writeFileSync(join(work, 'store.ndjson'), storeLines);
  writeFileSync(join(work, 'later.ndjson'), laterLines);
  writeFileSync(join(work, 'first-body.json'), bodies[0]!);
  const origin = join(work, 'origin');
  const imported = await runCli('import', '--data', origin, join(work, 'store.ndjson'));
  expect([imported.status, imported.stderr]).toEqual([0, `imported ${N + 3}, skipped 0 already present, 0 errors\n`]);
  alone = join(work, 'alone');
  beside = join(work, 'beside');
  cpSync(origin, alone, { recursive: true });
  cpSync(origin, beside, { recursive: true });
  served = await startServe(beside);
}, 180_000);
afterAll(async () => {
  await served?.stop();
  dir.remove();
});

/** The command on one copy; its data directory's path replaced, so both copies' outputs compare. */
async function run(dir: string, ...args: string[]): Promise<CliResult> {
  const r = await runCli(...args.map((a) => a.replace('WORK', work)), ...(args.includes('--data') ? [] : ['--data', dir]));
  return { status: r.status, stdout: r.stdout.replaceAll(dir, 'DATA'), stderr: r.stderr.replaceAll(dir, 'DATA') };
}

/** HAR URLs are on the running receiver beside serve, on `unknown-host` alone (no public URL set): the one difference, by design. */
const sameHost = (text: string) => text.replace(/http:\/\/(127\.0\.0\.1:\d+|unknown-host)\//g, 'http://RECEIVER/');

/** A folder's files and their bytes. */
const folder = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name)).toString('base64')]),
  );

describe('beside a running serve and alone, the same', { timeout: 180_000 }, () => {
  it('export, with --ids naming a missing delivery, and --endpoint', async () => {
    for (const args of [['export'], ['export', '--ids', `3,999999,${N + 3},1`], ['export', '--endpoint', 'acme']]) {
      const [a, b] = [await run(alone, ...args), await run(beside, ...args)];
      expect(b.stderr, args.join(' ')).not.toMatch(/trying again/);
      expect(b, args.join(' ')).toEqual(a);
    }
    const all = (await run(alone, 'export')).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ExportLine);
    expect(all.map((l) => l.id)).toEqual(Array.from({ length: N + 3 }, (_, i) => i + 1));
    expect(all[N]).toMatchObject({ retryOf: 1, attempt: 2, kind: 'call-end' });
    expect((await run(alone, 'export', '--ids', '3,999999')).stderr).toBe('no delivery 999999 in DATA\n');
  });

  it(`export-har: every one of the ${N + 3} deliveries (more than one page), one valid HAR document; --limit the oldest n`, async () => {
    const [a, b] = [await run(alone, 'export-har'), await run(beside, 'export-har')];
    expect([a.status, a.stderr]).toEqual([0, '']);
    expect(sameHost(b.stdout)).toBe(sameHost(a.stdout));
    const entries = (JSON.parse(a.stdout) as { log: { entries: Array<{ comment: string }> } }).log.entries;
    expect(entries).toHaveLength(N + 3);
    expect(entries.map((e) => Number(/#(\d+)/.exec(e.comment)![1]))).toEqual(Array.from({ length: N + 3 }, (_, i) => i + 1));
    const limited = await run(beside, 'export-har', '--limit', '1200', '--out', 'WORK/limited.har');
    expect(limited).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(JSON.parse(readFileSync(join(work, 'limited.har'), 'utf8')).log.entries).toHaveLength(1200);
    const some = [await run(alone, 'export-har', '--ids', '2,999999'), await run(beside, 'export-har', '--ids', '2,999999')];
    expect({ ...some[1]!, stdout: sameHost(some[1]!.stdout) }).toEqual({ ...some[0]!, stdout: sameHost(some[0]!.stdout) });
    expect([some[0]!.status, some[0]!.stderr]).toEqual([1, 'no delivery 999999 in DATA\n']);
  });

  it('diff of stored deliveries, of one with a file, and of one that is not there', async () => {
    for (const args of [
      ['diff', '1', '2'],
      ['diff', '1', 'WORK/first-body.json'],
      ['diff', `call:${N + 1}/0`, 'call:1/0', '--json'],
      ['diff', '424242', 'example'],
    ]) {
      const [a, b] = [await run(alone, ...args), await run(beside, ...args)];
      expect(b, args.join(' ')).toEqual(a);
    }
    expect((await run(alone, 'diff', '1', 'WORK/first-body.json')).status).toBe(0);
    expect((await run(alone, 'diff', '1', '2')).status).toBe(1);
    expect(await run(alone, 'diff', '424242', 'example')).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/^error: there is no delivery #424242/),
    });
  });

  it('fixtures export, of all and of a selection', async () => {
    for (const [name, selection] of [
      ['all', []],
      ['some', ['--ids', `${N + 3},7,${N + 2}`]],
      ['acme', ['--endpoint', 'acme']],
    ] as const) {
      const [a, b] = [
        await run(alone, 'fixtures', 'export', '--out', `WORK/fx-alone-${name}`, ...selection),
        await run(beside, 'fixtures', 'export', '--out', `WORK/fx-beside-${name}`, ...selection),
      ];
      expect(b.stderr.replace('beside', 'alone')).toBe(a.stderr);
      expect(a.status).toBe(0);
      expect(folder(join(work, `fx-beside-${name}`))).toEqual(folder(join(work, `fx-alone-${name}`)));
    }
    expect(Object.keys(folder(join(work, 'fx-alone-all')))).toHaveLength(N + 3 + 2 + 1); // + two .body files, scenario.json
    expect(await run(alone, 'fixtures', 'export', '--ids', '1,999999', '--out', 'WORK/fx-none')).toEqual(
      await run(beside, 'fixtures', 'export', '--ids', '1,999999', '--out', 'WORK/fx-none'),
    );
  });

  it('fixtures import and import, and what the store holds afterwards', async () => {
    // A folder from elsewhere: later.ndjson's deliveries exported as fixtures by a store of their own.
    const other = join(work, 'other');
    expect((await runCli('import', '--data', other, join(work, 'later.ndjson'))).status).toBe(1);
    expect((await runCli('fixtures', 'export', '--data', other, '--out', join(work, 'fx-other'))).status).toBe(0);
    const [fa, fb] = [await run(alone, 'fixtures', 'import', 'WORK/fx-other'), await run(beside, 'fixtures', 'import', 'WORK/fx-other')];
    expect(fb).toEqual(fa);
    expect(fa).toEqual({ status: 0, stdout: '', stderr: 'imported 3, skipped 1 already present, 0 errors\n' });
    const [a, b] = [await run(alone, 'import', 'WORK/later.ndjson'), await run(beside, 'import', 'WORK/later.ndjson')];
    expect(b).toEqual(a);
    expect(a).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/^line 5: receivedAt: required.*\nimported 0, skipped 4 already present, 1 errors\n$/),
    });
    const [ea, eb] = [await run(alone, 'export'), await run(beside, 'export')];
    expect(eb).toEqual(ea);
    expect(
      ea.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as ExportLine).id)
        .slice(-3),
    ).toEqual([900_001, 900_002, 900_003]);
  });
});
