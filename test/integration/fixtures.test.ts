// Fixture folders: what the receiver captured, written as files a customer's test suite reads with a
// plain JSON reader, read back into another store with the same bytes, and replayed as a scenario.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_FILE } from '../../shared/fixture-format.js';
import { generateCallbacks } from '../../main/core/generate/call-end.js';
import { ingest } from '../../main/core/ingest/ingest.js';
import { sha256Hex } from '../../main/core/store/hash.js';
import { safeName } from '../../main/core/transfer/fixtures-export.js';
import { readFixtureFolder } from '../../main/core/transfer/fixtures-read.js';
import { exportFixtureFolder, importFixtureFolder } from '../../main/hosts/cli/fixture-folder.js';
import type { ApiClient } from '../../shared/api.js';
import { startTestCore, tempDir } from './support/core.js';
import { send } from './support/http.js';
import { startTarget, type Target } from './support/target.js';
import { unzipSync } from 'fflate';
import { exportLine } from './support/export-line.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url));
/** What `fixtures import` does: the folder read here, stored through the core's API. */
const importFixtures = (api: ApiClient, dir: string) => importFixtureFolder(api, readFixtureFolder(dir));
const LIMIT = 4096;

interface Case {
  name: string;
  path?: string;
  headers?: Record<string, string | string[]>;
  body: Buffer;
  bodyAs: 'json' | 'text' | 'bytes';
  /** NAME.body is written: `body` written back by a plain JSON writer would not give the bytes. */
  file: boolean;
}

const json = { 'Content-Type': 'application/json', 'User-Agent': 'Airudder' };
const cases: Case[] = [
  { name: 'the vendor example, indented', headers: json, body: seed, bodyAs: 'json', file: true },
  {
    name: 'compact JSON',
    path: '/hooks/acme/cb?x=1&y=%20z',
    headers: { ...json, 'X-Trace': ['one', 'two'] },
    body: Buffer.from('{"TaskID":"t-compact","Status":"finished","Score":1.5}'),
    bodyAs: 'json',
    file: false,
  },
  {
    name: 'integers beyond 2^53',
    headers: json,
    body: Buffer.from('{"TaskID":"t-big","id":123456789012345678901,"neg":-9007199254740993}'),
    bodyAs: 'json',
    file: true,
  },
  { name: 'gzip', headers: { ...json, 'Content-Encoding': 'gzip' }, body: gzipSync('{"TaskID":"t-gzip"}'), bodyAs: 'json', file: true },
  {
    name: 'latin-1 text',
    headers: { 'Content-Type': 'text/plain; charset=iso-8859-1' },
    body: Buffer.from('café', 'latin1'),
    bodyAs: 'bytes',
    file: true,
  },
  {
    name: 'bytes that are not UTF-8',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80]),
    bodyAs: 'bytes',
    file: true,
  },
  {
    name: 'UTF-8 text with a BOM and control characters',
    headers: { 'Content-Type': 'text/plain' },
    body: Buffer.from('\uFEFFhello\r\n\u0000 ünïcode ✓'),
    bodyAs: 'text',
    file: false,
  },
  { name: 'JSON with a duplicate key (kept as text)', headers: json, body: Buffer.from('{"a":1,"a":2}'), bodyAs: 'text', file: false },
  { name: 'an empty body', body: Buffer.alloc(0), bodyAs: 'text', file: false },
  {
    name: 'a body cut at the size limit',
    headers: json,
    body: Buffer.from(`{"TaskID":"t-cut","pad":"${'x'.repeat(LIMIT * 2)}"}`),
    bodyAs: 'bytes',
    file: true,
  },
  {
    name: 'a TaskID no file system accepts',
    headers: json,
    body: Buffer.from('{"TaskID":"../..\\\\CON:*?\\"<>| .\\u0000"}'),
    bodyAs: 'json',
    file: false,
  },
];

let source: Awaited<ReturnType<typeof startTestCore>>;
const ids: number[] = [];
const out = tempDir('ci-fixtures-');
const folder = join(out.path, 'fixtures');

beforeAll(async () => {
  source = await startTestCore({ bodyLimit: LIMIT });
  for (const c of cases) {
    const res = await send(`${source.receiver.url.replace(/\/$/, '')}${c.path ?? '/'}`, {
      headers: c.headers as Record<string, string>,
      body: c.body,
    });
    ids.push(Number(res.headers['x-callback-inspector-delivery']));
  }
  expect(await exportFixtureFolder(source.api, folder, { filter: {} })).toEqual({
    ok: true,
    fixtures: cases.length,
    files: cases.length + cases.filter((c) => c.file).length + 1,
  });
});
afterAll(async () => {
  await source.cleanup();
  out.remove();
});

const manifest = () =>
  JSON.parse(readFileSync(join(folder, SCENARIO_FILE), 'utf8')) as { fixtures: Array<{ file: string; offsetMs: number }> };
const fixtureOf = (i: number) => {
  const file = manifest().fixtures[i]!.file;
  return { file, text: readFileSync(join(folder, file), 'utf8'), json: JSON.parse(readFileSync(join(folder, file), 'utf8')) };
};

describe('fixtures export', () => {
  it('writes one fixture per delivery in arrival order, offsets from the first, names safe on every OS', () => {
    const m = manifest();
    expect(m).toMatchObject({ format: 'callback-inspector-scenario', version: 1 });
    expect(m.fixtures.map((f) => Number(/-(\d+)\.json$/.exec(f.file)![1]))).toEqual(ids);
    expect(m.fixtures[0]!.offsetMs).toBe(0);
    for (const [i, f] of m.fixtures.entries()) if (i > 0) expect(f.offsetMs).toBeGreaterThanOrEqual(m.fixtures[i - 1]!.offsetMs);
    for (const name of readdirSync(folder)) expect(name).toMatch(/^(scenario\.json|\d{4}-[A-Za-z0-9_-]{1,40}-\d+\.(json|body))$/);
    expect(m.fixtures[0]!.file).toBe(`0001-502380771007633e8d8b859ebf76970a-${ids[0]}.json`);
    expect(m.fixtures[1]!.file).toBe(`0002-t-compact-${ids[1]}.json`);
    expect(m.fixtures[8]!.file).toBe(`0009-default-${ids[8]}.json`);
  });

  it.each(cases.map((c, i) => [c.name, c, i] as const))(
    '%s: shown as the case demands, and a plain JSON reader gets the exact bytes back',
    (_name, c, i) => {
      const { json: f } = fixtureOf(i);
      const stored = source.store.deliveries.body(ids[i]!)!;
      expect(f).toMatchObject({ method: 'POST', bodyAs: c.bodyAs, sha256: sha256Hex(stored), size: stored.length });
      expect(f.bodyFile !== undefined).toBe(c.file);
      const bytes = f.bodyFile
        ? readFileSync(join(folder, f.bodyFile))
        : Buffer.from(f.bodyAs === 'json' ? JSON.stringify(f.body) : f.body, 'utf8');
      expect(sha256Hex(bytes)).toBe(f.sha256);
      expect(bytes.equals(stored)).toBe(true);
      if (c.name === 'a body cut at the size limit') expect(f.truncated).toBe(true);
      else expect(stored.equals(c.body)).toBe(true);
    },
  );

  it('keeps headers as received (names as sent, repeats, order) and the query', () => {
    const { json: f } = fixtureOf(1);
    expect(f.path).toBe('/hooks/acme/cb');
    expect(f.query).toBe('x=1&y=%20z');
    expect(f.endpoint).toBe('acme');
    const names = (f.headers as Array<[string, string]>).map(([n]) => n);
    expect(names).toEqual(expect.arrayContaining(['Host', 'Content-Type', 'User-Agent', 'X-Trace']));
    expect((f.headers as Array<[string, string]>).filter(([n]) => n === 'X-Trace')).toEqual([
      ['X-Trace', 'one'],
      ['X-Trace', 'two'],
    ]);
  });

  it('writes big integers digit for digit, and the gzip body decoded as JSON beside its exact bytes', () => {
    expect(fixtureOf(2).text).toContain('"id": 123456789012345678901');
    expect(fixtureOf(2).text).toContain('"neg": -9007199254740993');
    expect(fixtureOf(3).json.body).toEqual({ TaskID: 't-gzip' });
  });

  it('makes file names from any TaskID: only letters, digits, _ and -', async () => {
    expect(safeName('../..\\CON:*?"<>| .')).toBe('CON');
    expect(safeName('東京')).toBe('delivery');
    expect(safeName('a'.repeat(100))).toHaveLength(40);
    expect(await exportFixtureFolder(source.api, folder, { filter: {} })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not empty/),
    });
  });
});

describe('fixtures import', () => {
  it('brings every fixture into another store with the same bytes, sha256, headers and time; twice adds nothing', async () => {
    const target = await startTestCore();
    const announced: number[] = [];
    target.events.on('deliveryReceived', (d) => announced.push(d.id));
    try {
      const report = await importFixtures(target.api, folder);
      expect(report).toMatchObject({ imported: cases.length, skipped: 0, errors: [] });
      expect(report.deliveries.map((d) => d.id)).toEqual(ids);
      // An open inbox hears of each as it lands.
      expect(announced).toEqual(ids);
      for (const id of ids) {
        const [a, b] = [source.store.deliveries.get(id)!, target.store.deliveries.get(id)!];
        expect(target.store.deliveries.body(id)!.equals(source.store.deliveries.body(id)!)).toBe(true);
        for (const col of [
          'sha256',
          'headers',
          'method',
          'path',
          'query',
          'receivedAt',
          'endpoint',
          'truncated',
          'size',
          'response',
        ] as const)
          expect(b[col], `#${id} ${col}`).toEqual(a[col]);
      }
      expect(await importFixtures(target.api, folder)).toMatchObject({ imported: 0, skipped: cases.length, errors: [] });
      expect(announced).toEqual(ids);
    } finally {
      await target.cleanup();
    }
  });

  it('refuses what it cannot trust, naming the file: paths out of the folder, edited bytes, inconsistent timing, gaps', async () => {
    const broken = join(out.path, 'broken');
    cpSync(folder, broken, { recursive: true });
    const m = manifest();
    const [first, second, third] = [fixtureOf(0), fixtureOf(1), fixtureOf(2)];
    writeFileSync(join(broken, first.json.bodyFile), 'edited');
    m.fixtures[1]!.offsetMs += 1000;
    m.fixtures[3]!.file = '../outside.json';
    writeFileSync(join(broken, SCENARIO_FILE), JSON.stringify(m));
    const f = { ...third.json, bodyFile: '../../etc/passwd' };
    writeFileSync(join(broken, third.file), JSON.stringify(f));

    const target = await startTestCore();
    try {
      const whole = await importFixtures(target.api, broken);
      expect(whole.errors).toEqual([
        { file: SCENARIO_FILE, message: 'fixtures.3.file: a plain file name in the folder (letters, digits, _ . -)' },
      ]);
      m.fixtures[3]!.file = fixtureOf(3).file;
      writeFileSync(join(broken, SCENARIO_FILE), JSON.stringify(m));
      const report = await importFixtures(target.api, broken);
      expect(report.errors).toEqual([
        { file: first.file, message: expect.stringMatching(/does not match its sha256 \(.*\.body changed\?\)/) },
        { file: third.file, message: expect.stringMatching(/bodyFile: a plain file name/) },
        {
          file: second.file,
          message: expect.stringContaining(`offsetMs ${m.fixtures[1]!.offsetMs}, its receivedAt says ${m.fixtures[1]!.offsetMs - 1000}`),
        },
      ]);
      expect(report.imported).toBe(cases.length - 3);
      expect((await importFixtures(target.api, join(out.path, 'nowhere'))).errors).toEqual([{ file: '', message: 'no such folder' }]);
      expect((await importFixtures(target.api, out.path)).errors[0]!.message).toMatch(/no scenario\.json: not a fixture folder/);
    } finally {
      await target.cleanup();
    }
  });
});

describe('exportFixtures (the UI download)', () => {
  it('is the same folder as a zip that unzip reads, and fixtures import takes back', async () => {
    const zip = await source.api.exportFixtures({ ids: ids.slice(0, 4) });
    expect(zip).toMatchObject({ fileName: expect.stringMatching(/^fixtures-\d{8}-\d{6}\.zip$/), fixtures: 4 });
    const file = join(out.path, zip.fileName);
    writeFileSync(file, Buffer.from(zip.zipBase64, 'base64'));
    if (existsSync('/usr/bin/unzip')) {
      const unzip = spawnSync('/usr/bin/unzip', ['-q', file, '-d', join(out.path, 'unzipped')], { encoding: 'utf8' });
      expect(unzip.stderr).toBe('');
      expect(unzip.status).toBe(0);
    } else {
      // No unzip(1) on this machine: another reader (fflate's) unpacks it instead.
      for (const [name, data] of Object.entries(unzipSync(readFileSync(file)))) {
        mkdirSync(dirname(join(out.path, 'unzipped', name)), { recursive: true });
        writeFileSync(join(out.path, 'unzipped', name), data);
      }
    }
    const unzipped = join(out.path, 'unzipped', zip.fileName.replace(/\.zip$/, ''));
    for (const name of readdirSync(unzipped).filter((n) => n !== SCENARIO_FILE))
      expect(readFileSync(join(unzipped, name)).equals(readFileSync(join(folder, name)))).toBe(true);
    const target = await startTestCore();
    try {
      expect(await importFixtures(target.api, unzipped)).toMatchObject({ imported: 4, errors: [] });
      for (const id of ids.slice(0, 4)) expect(target.store.deliveries.body(id)!.equals(source.store.deliveries.body(id)!)).toBe(true);
    } finally {
      await target.cleanup();
    }
  });
});

describe('scenario replay', () => {
  /** Three call-end notifications of one chain, 0, 2 and 6 s after the first; signed with an old KEY. */
  const T0 = Date.UTC(2024, 4, 22, 3, 0, 0);
  const AT = [0, 2000, 6000];
  const chain = [...generateCallbacks({ calls: 3, redials: 3, seed: 'fixtures', key: 'k-old', scheme: { type: 'md5-template' } })];
  let target: Target;
  let scenario: string;

  beforeAll(async () => {
    target = await startTarget();
    const origin = await startTestCore();
    try {
      const lines = chain.map((g, i) =>
        exportLine(100 + i, g.body, T0 + AT[i]!, {
          endpoint: 'acme',
          path: '/hooks/acme/',
          headers: [['Host', 'customer.example'], ...g.headers],
        }),
      );
      expect(await origin.api.importNdjson({ lines })).toMatchObject({ imported: 3 });
      scenario = join(out.path, 'scenario');
      expect(await exportFixtureFolder(origin.api, scenario, { filter: {} })).toMatchObject({ ok: true, fixtures: 3 });
    } finally {
      await origin.cleanup();
    }
    expect(JSON.parse(readFileSync(join(scenario, SCENARIO_FILE), 'utf8')).fixtures.map((f: { offsetMs: number }) => f.offsetMs)).toEqual(
      AT,
    );
  });
  afterAll(async () => {
    await target.close();
  });

  it('arrives in order with the original gaps divided by the speed, every attempt recorded against its fixture', async () => {
    const core = await startTestCore();
    try {
      const report = await importFixtures(core.api, scenario);
      const before = target.received.length;
      const job = await core.api.replayChain({ ids: report.deliveries.map((d) => d.id), to: target.url('/ok'), speed: 20 });
      expect(await core.resend.runner.wait(job.id)).toMatchObject({ state: 'done', succeeded: 3 });
      const got = target.received.slice(before);
      expect(got.map((r) => r.body.toString())).toEqual(chain.map((g) => g.body));
      // 2 s and 4 s at 20× are 100 and 200 ms: the engine never starts a send before its scaled gap
      // has passed (a loaded machine can only make the gaps longer, so only the minimums are asserted).
      const sends = (await core.api.listSends({ jobId: job.id })).sort((x, y) => x.item - y.item);
      expect(sends.map((s) => s.deliveryId)).toEqual(report.deliveries.map((d) => d.id));
      const [s1, s2] = [sends[1]!.startedAt - sends[0]!.startedAt, sends[2]!.startedAt - sends[1]!.startedAt];
      expect(s1).toBeGreaterThanOrEqual(90); // startedAt is wall-clock ms, the schedule monotonic time
      expect(s2).toBeGreaterThanOrEqual(190);
    } finally {
      await core.cleanup();
    }
  });

  it('re-signs with another KEY on the way out when asked', async () => {
    const core = await startTestCore();
    try {
      const report = await importFixtures(core.api, scenario);
      const before = target.received.length;
      const job = await core.api.replayChain({
        ids: report.deliveries.map((d) => d.id),
        to: target.url('/ok'),
        speed: 'max',
        sign: { mode: 'resign', key: 'k-new', scheme: { type: 'md5-template' } },
      });
      expect(await core.resend.runner.wait(job.id)).toMatchObject({ succeeded: 3 });
      for (const r of target.received.slice(before)) {
        const check = (key: string) =>
          ingest({ body: r.body, truncated: false, headers: r.headers, endpoint: { key, sign: { type: 'md5-template' } } }).sign.status;
        expect([check('k-new'), check('k-old')]).toEqual(['verified', 'mismatch']);
      }
    } finally {
      await core.cleanup();
    }
  });
});
