// `diff`: compares two bodies (stored deliveries, bodies re-send attempts sent, the contract's
// example, files) path by path, and exits as diff(1) does: 0 equal, 1 different, 2 trouble.
import type { Command } from 'commander';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ApiInputError } from '../../../shared/api.js';
import { compareBodies, type BodyDiff, type PreparedSide } from '../../../shared/diff/body-diff.js';
import { parseDiffRef } from '../../../shared/diff/diff-source.js';
import type { JsonDifference } from '../../../shared/diff/json-diff.js';
import { DATABASE_FILE } from '../../core/app.js';
import { prepareBytes, resolveSide } from '../../core/bodies/diff-sides.js';
import { openStore, type Store } from '../../core/store/index.js';
import { defaultDataDir } from './data-dir.js';

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
    .action((a: string, b: string, flags: { data: string; json?: boolean }) => {
      let store: Store | null = null;
      try {
        const side = (ref: string, name: 'a' | 'b') => prepare(ref, name, () => (store ??= openExisting(flags.data)));
        const diff = compareBodies(side(a, 'a'), side(b, 'b'));
        process.stdout.write(flags.json ? `${JSON.stringify(diff, null, 2)}\n` : readable(diff));
        process.exitCode = diff.equal ? 0 : 1;
      } catch (error) {
        if (!(error instanceof Trouble || error instanceof ApiInputError)) throw error;
        const message = error instanceof ApiInputError ? error.issues.map((i) => i.message).join('; ') : error.message;
        process.stderr.write(`error: ${message}\n`);
        process.exitCode = EXIT_TROUBLE;
      } finally {
        (store as Store | null)?.close();
      }
    });
}

class Trouble extends Error {}

function prepare(ref: string, name: 'a' | 'b', store: () => Store): PreparedSide {
  const source = parseDiffRef(ref);
  if (source) return resolveSide(source.source === 'example' ? null : store(), source, name);
  if (!existsSync(ref) || !statSync(ref).isFile()) throw new Trouble(`no such file: ${ref} (<${name}> is a delivery id, call:<id>/<index>, send:<id>, example or a file)`);
  return prepareBytes(`file ${ref}`, readFileSync(ref), []);
}

function openExisting(dataDir: string): Store {
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) throw new Trouble(`no store in ${dataDir} (expected ${DATABASE_FILE}); pass --data <dir> (the one serve uses)`);
  return openStore(file);
}

/** `--- A`, `+++ B`, one line per difference, and the summary. */
function readable(diff: BodyDiff): string {
  const lines = [`--- A: ${diff.a.label}`, `+++ B: ${diff.b.label}`];
  for (const [name, side] of [['A', diff.a], ['B', diff.b]] as const) for (const note of side.notes) lines.push(`${name}: ${note}`);
  lines.push(...diff.differences.map(line));
  if (diff.omitted) lines.push(`… ${diff.omitted} more not listed`);
  const first = diff.firstDifference;
  if (first && diff.mode === 'text') lines.push(`A line ${first.line}: ${first.aLine ?? '(past the end)'}`, `B line ${first.line}: ${first.bLine ?? '(past the end)'}`);
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
