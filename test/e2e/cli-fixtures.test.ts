// `fixtures export | import | replay` as a new user runs them: capture with serve, export a fixture
// folder while it runs, read it into a fresh data dir, replay a timed scenario to a local server.
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../main/core/app.js';
import { send } from '../integration/support/http.js';
import { startTarget, type Target } from '../integration/support/target.js';
import { startServe, type Served } from './support/browser.js';
import { runCli } from './support/cli.js';
import { exportLine } from '../integration/support/export-line.js';

const CAPTURED_HEADERS: Array<[string, string]> = [
  ['Host', 'customer.example'],
  ['Content-Type', 'application/json'],
  ['User-Agent', 'Airudder'],
];

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url));
let served: Served;
let target: Target;
let work: string;

const cli = runCli;

/** What `export` says of each delivery that must survive the trip: id, bytes, headers, time. */
async function exported(dataDir: string) {
  const r = await cli('export', '--data', dataDir);
  expect(r.status).toBe(0);
  return r.stdout
    .trim()
    .split('\n')
    .map((l) => {
      const j = JSON.parse(l);
      return {
        id: j.id,
        sha256: j.sha256,
        headers: j.headers,
        receivedAt: j.receivedAt,
        method: j.method,
        path: j.path,
        query: j.query,
        truncated: j.truncated,
      };
    });
}

beforeAll(async () => {
  served = await startServe(undefined, ['--body-limit', '2kb']);
  target = await startTarget();
  work = mkdtempSync(join(tmpdir(), 'ci-fixtures-e2e-'));
}, 60_000);
afterAll(async () => {
  await target.close();
  await served?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('fixtures from the command line', { timeout: 60_000 }, () => {
  it('exports what serve captured, and imports it into a fresh data dir byte for byte', async () => {
    const bodies: Array<[Record<string, string>, Buffer | string, string?]> = [
      [{ 'Content-Type': 'application/json', 'User-Agent': 'Airudder' }, seed],
      [{ 'Content-Type': 'application/json' }, '{"TaskID":"big","id":123456789012345678901}', 'hooks/acme/x?a=1'],
      [{ 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, gzipSync('{"TaskID":"gz"}')],
      [{ 'Content-Type': 'text/plain; charset=windows-1252' }, Buffer.from('caf\xe9', 'latin1')],
      [{}, ''],
      [{ 'Content-Type': 'application/json' }, `{"pad":"${'y'.repeat(5000)}"}`],
    ];
    for (const [headers, body, path] of bodies) await send(`${served.receiver}${path ?? ''}`, { headers, body });

    const folder = join(work, 'captured');
    const out = await cli('fixtures', 'export', '--out', folder, '--data', served.dataDir);
    expect(out.stderr).toMatch(/wrote 6 fixtures \(\d+ files with scenario\.json\)/);
    expect(out.status).toBe(0);
    expect(readdirSync(folder)).toContain('scenario.json');
    expect(
      readdirSync(folder)
        .filter((n) => n.endsWith('.json'))
        .sort()[1],
    ).toMatch(/^0002-big-\d+\.json$/);

    const fresh = join(work, 'fresh');
    const first = await cli('fixtures', 'import', folder, '--data', fresh);
    expect(first.stderr).toBe('imported 6, skipped 0 already present, 0 errors\n');
    expect(first.status).toBe(0);
    const again = await cli('fixtures', 'import', folder, '--data', fresh);
    expect(again.stderr).toBe('imported 0, skipped 6 already present, 0 errors\n');
    expect(await exported(fresh)).toEqual(await exported(served.dataDir));

    const refused = await cli('fixtures', 'export', '--out', folder, '--data', served.dataDir);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/is not empty: choose a new folder/);
  });

  it('replays a scenario to a URL in order with the gaps scaled, attempts recorded in the data dir', async () => {
    // A chain captured 0, 3 and 9 s apart (imported as an export would carry it), then exported as fixtures.
    const origin = join(work, 'origin');
    const gen = await cli('generate', '--calls', '3', '--redials', '3', '--seed', 'fixtures-e2e', '--out', '-');
    const bodies = gen.stdout.trim().split('\n');
    writeFileSync(
      join(work, 'chain.ndjson'),
      bodies.map((b, i) => exportLine(40 + i, b, Date.UTC(2024, 4, 22, 3, 0, [0, 3, 9][i]!), { headers: CAPTURED_HEADERS })).join('\n'),
    );
    expect((await cli('import', '--data', origin, join(work, 'chain.ndjson'))).status).toBe(0);
    const scenario = join(work, 'scenario');
    expect((await cli('fixtures', 'export', '--ids', '42,40,41', '--out', scenario, '--data', origin)).status).toBe(0);
    expect(JSON.parse(readFileSync(join(scenario, 'scenario.json'), 'utf8')).fixtures.map((f: { offsetMs: number }) => f.offsetMs)).toEqual(
      [0, 3000, 9000],
    );

    const replayData = join(work, 'replay-data');
    const before = target.received.length;
    const r = await cli('fixtures', 'replay', scenario, '--to', target.url('/ok'), '--speed', '30', '--data', replayData);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /3 fixtures \(3 added to the store, 0 already there\)[\s\S]*#2 0002-\w+-41\.json \(delivery 41\) at \+100 ms[\s\S]*#3 0003-\w+-42\.json \(delivery 42\) at \+300 ms[\s\S]*3 delivered, 0 failed/,
    );
    const got = target.received.slice(before);
    expect(got.map((x) => x.body.toString())).toEqual(bodies);

    // Re-signed at max speed: the Sign changes; the attempts of both runs are in the data dir.
    const resigned = await cli(
      'fixtures',
      'replay',
      scenario,
      '--to',
      target.url('/ok'),
      '--speed',
      'max',
      '--key',
      'another-key',
      '--data',
      replayData,
    );
    expect(resigned.status).toBe(0);
    expect(resigned.stdout).toMatch(/0 added to the store, 3 already there/);
    const signs = target.received.slice(-3).map((x) => JSON.parse(x.body.toString()).Sign);
    expect(signs).not.toEqual(bodies.map((b) => JSON.parse(b).Sign));
    const db = new Database(join(replayData, DATABASE_FILE), { readonly: true });
    try {
      expect(db.prepare('SELECT delivery_id AS id, count(*) AS n FROM sends GROUP BY delivery_id ORDER BY delivery_id').all()).toEqual(
        [40, 41, 42].map((id) => ({ id, n: 2 })),
      );
    } finally {
      db.close();
    }
  });

  it('explains bad input and sends nothing from a broken folder', async () => {
    const broken = join(work, 'broken');
    await cli('fixtures', 'export', '--out', broken, '--data', served.dataDir);
    const manifest = JSON.parse(readFileSync(join(broken, 'scenario.json'), 'utf8'));
    manifest.fixtures[1].offsetMs += 5;
    writeFileSync(join(broken, 'scenario.json'), JSON.stringify(manifest));
    const before = target.received.length;
    const cases: Array<[string[], RegExp]> = [
      [
        ['fixtures', 'replay', broken, '--to', target.url('/ok'), '--data', join(work, 'd1')],
        /0002-big-\d+\.json: scenario\.json says offsetMs \d+, its receivedAt says \d+[\s\S]*nothing sent/,
      ],
      [['fixtures', 'replay', join(work, 'missing'), '--to', target.url('/ok'), '--data', join(work, 'd2')], /missing: no such folder/],
      [['fixtures', 'replay', broken, '--data', join(work, 'd3')], /required option '--to <url>'/],
      [['fixtures', 'import', work, '--data', join(work, 'd4')], /no scenario\.json: not a fixture folder/],
      [['fixtures', 'export', '--data', join(work, 'nowhere'), '--out', join(work, 'x')], /no store in/],
      [['fixtures', 'export', '--ids', '1,999999', '--data', served.dataDir, '--out', join(work, 'x')], /there is no delivery #999999/],
      [
        ['fixtures', 'export', '--ids', '1', '--endpoint', 'acme', '--data', served.dataDir, '--out', join(work, 'x')],
        /give --ids, or --endpoint/,
      ],
      [['fixtures', 'export', '--data', served.dataDir], /required option '--out <folder>'/],
    ];
    // In parallel, each with its own data dir (two processes creating one store at once is not the point here).
    const results = await Promise.all(cases.map(([args]) => cli(...args)));
    for (const [i, [args, message]] of cases.entries()) {
      expect(results[i]!.status, args.join(' ')).toBe(1);
      expect(results[i]!.stderr, args.join(' ')).toMatch(message);
    }
    expect(target.received.length).toBe(before);
    expect((await cli('fixtures', '--help')).stdout).toMatch(/export[\s\S]*import[\s\S]*replay/);
    expect((await cli('--help')).stdout).toMatch(/fixtures/);
  });
});
