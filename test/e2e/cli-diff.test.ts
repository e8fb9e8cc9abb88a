// `callback-inspector diff` as a user runs it, against `serve`'s data dir: a path-by-path listing,
// --json, and diff(1)'s exit codes (0 equal, 1 different, 2 trouble).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../integration/support/http.js';
import { startServe, type Served } from './support/browser.js';
import { runCli } from './support/cli.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
const edited = seed
  .replace('"Status": "finished"', '"Status": "failed"')
  .replace('"id": 15744007', '"id": 98765432109876543210')
  .replace('"CallTimes": 2', '"CallTimes": "2"');
let served: Served;
let files: string;
const ids: number[] = [];

const cli = runCli;

beforeAll(async () => {
  served = await startServe();
  for (const body of [seed, edited]) {
    const res = await send(served.receiver, { headers: { 'content-type': 'application/json' }, body });
    ids.push(Number(res.headers['x-callback-inspector-delivery']));
  }
  files = mkdtempSync(join(tmpdir(), 'ci-diff-'));
}, 60_000);
afterAll(async () => {
  await served?.stop();
  rmSync(files, { recursive: true, force: true });
});

describe('diff from the command line', () => {
  it('lists two stored deliveries path by path and exits 1', async () => {
    const r = await cli('diff', String(ids[0]), String(ids[1]), '--data', served.dataDir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      `--- A: delivery #${ids[0]}`,
      `+++ B: delivery #${ids[1]}`,
      'changed       Details[0].id: 15744007 → 98765432109876543210',
      'changed       Details[0].Status: "finished" → "failed"',
      'type changed  Details[0].CallTimes: integer 2 → string "2"',
      '3 differences: 2 changed, 1 type changed',
      '',
    ]);
  });

  it('exits 0 for a delivery of the contract example compared with example, and for equal files', async () => {
    const r = await cli('diff', String(ids[0]), 'example', '--data', served.dataDir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\+\+\+ B: the contract's example\nidentical\n$/);
    const compact = join(files, 'compact.json');
    writeFileSync(compact, JSON.stringify(JSON.parse(seed)));
    const f = await cli('diff', compact, 'example');
    expect(f.status).toBe(0);
    expect(f.stdout).toMatch(/no structural differences/);
  });

  it('prints the diffBodies result with --json', async () => {
    const r = await cli('diff', 'example', String(ids[1]), '--data', served.dataDir, '--json');
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ mode: 'json', equal: false, counts: { changed: 2, 'type-changed': 1, total: 3 } });
    expect(out.differences[0]).toMatchObject({
      kind: 'changed',
      path: 'Details[0].id',
      a: '15744007',
      b: '98765432109876543210',
      aType: 'integer',
      bType: 'integer',
    });
  });

  it('says where a body that is not JSON first differs', async () => {
    const text = join(files, 'form.txt');
    writeFileSync(text, 'Status=finished\nCallTimes=2\n');
    const r = await cli('diff', 'example', text);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/A line 1: \{\nB line 1: Status=finished\nB is not JSON \(.+\); the texts differ from line 1, column 1\n$/);
  });

  it('exits 2 with a clear message for what does not exist or bad usage', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['diff', '424242', 'example', '--data', served.dataDir], /error: there is no delivery #424242/],
      [['diff', 'send:424242', 'example', '--data', served.dataDir], /error: there is no re-send attempt #424242/],
      [['diff', 'missing.json', 'example'], /error: no such file: missing.json/],
      [['diff', '1', '2', '--data', join(files, 'nothing-here')], /error: no store in .*nothing-here/],
      [['diff', 'example'], /missing required argument 'b'/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });

  it('documents itself in --help', async () => {
    expect((await cli('--help')).stdout).toMatch(/diff \[options\] <a> <b>/);
    const help = await cli('diff', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/send:4[\s\S]*example[\s\S]*Exit status: 0 no differences, 1 differences, 2 trouble/);
  });
});
