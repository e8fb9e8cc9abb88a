// Where the CLI's output goes, as a new user sends it: into a pipe that closes early (`| head`), into a
// file in a folder that does not exist yet or cannot exist, and what `--ids` says about ids not stored.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../integration/support/core.js';
import { bin } from './support/cli.js';
import { exportLine } from '../integration/support/export-line.js';

const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
/** `set -o pipefail`: the exit code is the CLI's, not head's. */
const piped = (command: string) =>
  spawnSync('bash', ['-c', `set -o pipefail; node ${bin} ${command} | head -c 100 > /dev/null`], { encoding: 'utf8' });
const STACK_TRACE = /\n\s+at |node:internal|Error: /;

let dir: { path: string; remove: () => void };
let data: string;

// A store of 300 generated calls (well over a pipe's 64 KiB), made with `generate` and `import`.
beforeAll(() => {
  dir = tempDir('ci-out-');
  data = join(dir.path, 'data');
  const bodies = cli('generate', '--calls', '300', '--seed', 'out', '--out', '-').stdout.trim().split('\n');
  const file = join(dir.path, 'store.ndjson');
  writeFileSync(file, bodies.map((b, i) => exportLine(i + 1, b, Date.UTC(2024, 4, 22, 3, 0, i + 1))).join('\n'));
  const imported = cli('import', '--data', data, file);
  expect(imported.stderr).toContain('imported 300');
}, 60_000);
afterAll(() => dir.remove());

describe('a reader that leaves early (| head)', () => {
  for (const command of ['generate --calls 3000 --out -', 'export --data DATA', 'export-har --data DATA']) {
    it(`ends ${command.split(' ')[0]} quietly with exit 0`, () => {
      const r = piped(command.replace('DATA', data));
      expect(r.stderr).not.toMatch(/EPIPE|Error/);
      expect(r.status).toBe(0);
    });
  }
});

describe('--out', () => {
  it('makes the missing folders of the file, for every command that writes one', () => {
    const nested = (name: string) => join(dir.path, 'new', 'sub', name);
    expect(cli('export', '--data', data, '--out', nested('all.ndjson')).status).toBe(0);
    expect(readFileSync(nested('all.ndjson'), 'utf8').trim().split('\n')).toHaveLength(300);
    expect(cli('generate', '--calls', '4', '--out', nested('gen.ndjson')).status).toBe(0);
    expect(readFileSync(nested('gen.ndjson'), 'utf8').trim().split('\n')).toHaveLength(4);
    expect(cli('export-har', '--data', data, '--ids', '1,2', '--out', nested('two.har')).status).toBe(0);
    expect(JSON.parse(readFileSync(nested('two.har'), 'utf8')).log.entries).toHaveLength(2);
  });

  it('says in one line why a path cannot be written, and exits 1', () => {
    const file = join(dir.path, 'a-file');
    writeFileSync(file, 'x');
    const cases: Array<[string[], string]> = [
      [
        ['export', '--data', data, '--out', join(file, 'y.ndjson')],
        `cannot write ${join(file, 'y.ndjson')}: a part of the path is a file, not a folder`,
      ],
      [['export', '--data', data, '--out', dir.path], `cannot write ${dir.path}: it is a folder`],
      [
        ['generate', '--calls', '2', '--out', join(file, 'g.ndjson')],
        `cannot write ${join(file, 'g.ndjson')}: a part of the path is a file, not a folder`,
      ],
      [
        ['export-har', '--data', data, '--out', join(file, 'h.har')],
        `cannot write ${join(file, 'h.har')}: a part of the path is a file, not a folder`,
      ],
    ];
    for (const [args, message] of cases) {
      const r = cli(...args);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toBe(`error: ${message}\n`);
    }
  });
});

describe('--ids naming deliveries that are not stored', () => {
  it('export: names them on stderr, writes the others, exits 1', () => {
    const none = cli('export', '--data', data, '--ids', '999');
    expect([none.status, none.stdout, none.stderr]).toEqual([1, '', `no delivery 999 in ${data}\n`]);
    const some = cli('export', '--data', data, '--ids', '2,999,1,998');
    expect(some.status).toBe(1);
    expect(
      some.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual([2, 1]);
    expect(some.stderr).toBe(`no delivery 999, 998 in ${data}\n`);
    const all = cli('export', '--data', data, '--ids', '3');
    expect([all.status, all.stderr]).toEqual([0, '']);
  });

  it('export-har: the same', () => {
    const some = cli('export-har', '--data', data, '--ids', '5,999');
    expect(some.status).toBe(1);
    expect(JSON.parse(some.stdout).log.entries).toHaveLength(1);
    expect(some.stderr).toBe(`no delivery 999 in ${data}\n`);
    expect(STACK_TRACE.test(some.stderr)).toBe(false);
  });
});
