// `diff`: compares two bodies (stored deliveries, bodies re-send attempts sent, the contract's
// example, files) path by path, and exits as diff(1) does: 0 equal, 1 different, 2 trouble. With a
// stored side, the core of the data directory compares (diffBodies, through with-core.ts), a file
// side sent as its bytes; files and the example alone are compared here, no data directory needed.
import type { Command } from 'commander';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { compareBodies, type BodyDiff } from '../../../shared/diff/body-diff.js';
import { DIFF_BYTES, parseDiffRef, type DiffSource } from '../../../shared/diff/diff-source.js';
import type { JsonDifference } from '../../../shared/diff/json-diff.js';
import { resolveSide } from '../../core/bodies/diff-sides.js';
import { defaultDataDir } from './data-dir.js';
import { withCore } from './with-core.js';

const EXIT_TROUBLE = 2;
/** Values longer than this are cut in the readable listing (never in --json). */
const SHOWN_VALUE = 100;

const HELP = `
Each side is one of:
  12          delivery #12 (as stored, Content-Encoding undone)
  call:12/0   the call Details[0] of delivery #12 (two calls of one callee compared)
  send:4      the body re-send attempt #4 sent (see the attempt log or listSends)
  example     the contract's example notification
  FILE        a file (write ./12 for a file named 12)

JSON bodies are compared path by path (paths as the contract problems write them, e.g.
Details[0].Status): changed, type changed, added, removed, moved (found unchanged elsewhere, e.g. a
Details entry whose index changed). Numbers are compared exactly as written, big integers too.
When a side is not JSON, says where the texts (or the bytes) first differ.

Exit status: 0 no differences, 1 differences, 2 trouble (no such delivery, file or data dir).
`;

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('compare two bodies path by path (deliveries, sent bodies, the contract example, files)')
    .argument('<a>', 'delivery id, call:<id>/<index>, send:<attempt id>, example, or a file')
    .argument('<b>', 'the same for the other side')
    .option('--data <dir>', 'data directory (for ids)', defaultDataDir())
    .option('--json', 'print the diffBodies result as JSON')
    .addHelpText('after', HELP)
    // diff(1)'s convention: a usage error is trouble (2), never "different" (1).
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_TROUBLE))
    .action(async (a: string, b: string, flags: { data: string; json?: boolean }) => {
      const print = (diff: BodyDiff) => {
        process.stdout.write(flags.json ? `${JSON.stringify(diff, null, 2)}\n` : readable(diff));
        process.exitCode = diff.equal ? 0 : 1;
      };
      let sides: [DiffSource, DiffSource];
      try {
        sides = [side(a, 'a'), side(b, 'b')];
      } catch (error) {
        if (!(error instanceof Trouble)) throw error;
        process.stderr.write(`error: ${error.message}\n`);
        process.exitCode = EXIT_TROUBLE;
        return;
      }
      if (!sides.some(stored)) return print(compareBodies(resolveSide(null, sides[0], 'a'), resolveSide(null, sides[1], 'b')));
      const tooLarge = [a, b].find((ref, i) => sides[i]!.source === 'bytes' && statSync(ref).size > DIFF_BYTES);
      if (tooLarge) {
        process.stderr.write(
          `error: ${tooLarge} is ${Math.round(statSync(tooLarge).size / 1024 ** 2)} MiB: a file compared with a stored body may be at most ${DIFF_BYTES / 1024 ** 2} MiB\n`,
        );
        process.exitCode = EXIT_TROUBLE;
        return;
      }
      await withCore(flags.data, { mustExist: true, failure: EXIT_TROUBLE }, async (client) =>
        print(await client.diffBodies({ a: sides[0], b: sides[1] })),
      );
    });
}

class Trouble extends Error {}

const stored = (s: DiffSource) => s.source === 'delivery' || s.source === 'call' || s.source === 'send';

/** A side as the API takes it: a reference, or a file's bytes. */
function side(ref: string, name: 'a' | 'b'): DiffSource {
  const source = parseDiffRef(ref);
  if (source) return source;
  if (!existsSync(ref) || !statSync(ref).isFile())
    throw new Trouble(`no such file: ${ref} (<${name}> is a delivery id, call:<id>/<index>, send:<id>, example or a file)`);
  return { source: 'bytes', base64: readFileSync(ref).toString('base64'), label: `file ${ref}` };
}

/** `--- A`, `+++ B`, one line per difference, and the summary. */
function readable(diff: BodyDiff): string {
  const lines = [`--- A: ${diff.a.label}`, `+++ B: ${diff.b.label}`];
  for (const [name, side] of [
    ['A', diff.a],
    ['B', diff.b],
  ] as const)
    for (const note of side.notes) lines.push(`${name}: ${note}`);
  lines.push(...diff.differences.map(line));
  if (diff.omitted) lines.push(`… ${diff.omitted} more not listed`);
  const first = diff.firstDifference;
  if (first && diff.mode === 'text')
    lines.push(`A line ${first.line}: ${first.aLine ?? '(past the end)'}`, `B line ${first.line}: ${first.bLine ?? '(past the end)'}`);
  lines.push(diff.summary);
  return `${lines.join('\n')}\n`;
}

function line(d: JsonDifference): string {
  const where = d.to ? `${d.path} → ${d.to}` : d.path;
  const note = d.note ? `  (${d.note})` : '';
  switch (d.kind) {
    case 'changed':
      return `changed       ${where}: ${shown(d.a)} → ${shown(d.b)}${note}`;
    case 'type-changed':
      return `type changed  ${where}: ${d.aType} ${shown(d.a)} → ${d.bType} ${shown(d.b)}${note}`;
    case 'added':
      return `added         ${where}: ${shown(d.b)}${note}`;
    case 'removed':
      return `removed       ${where}: ${shown(d.a)}${note}`;
    case 'moved':
      return `moved         ${where}: ${shown(d.a)}${note}`;
  }
}

function shown(value: string | undefined): string {
  const v = value ?? '';
  return v.length > SHOWN_VALUE ? `${v.slice(0, SHOWN_VALUE)}…` : v;
}
