// Reads a fixture folder (shared/fixture-format.ts) back into captures with their exact bytes. Every
// fault is reported with its file and what to do; a folder's names can never reach outside it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture as fixtureSchema, scenarioManifest, SCENARIO_FILE } from '../../../shared/fixture-format.js';
import { field, isJsonObject } from '../../../shared/contract/json-value.js';
import type { CapturedRequest, GivenResponse } from '../../../shared/model.js';
import { parseJson } from '../../../shared/json/lossless-parse.js';
import { endpointOfPath } from '../receiver/endpoint-path.js';
import { bodyBytes } from './fixtures-body.js';

export interface LoadedFixture {
  file: string;
  offsetMs: number;
  /** The delivery it was exported from, if it says. */
  id: number | null;
  captured: CapturedRequest;
  response: GivenResponse | null;
}

export interface FixtureFault {
  /** In the folder; '' for the folder itself. */
  file: string;
  message: string;
}

export interface FixtureFolder {
  /** In scenario order (arrival order). */
  fixtures: LoadedFixture[];
  errors: FixtureFault[];
}

export function readFixtureFolder(dir: string): FixtureFolder {
  const errors: FixtureFault[] = [];
  const manifestPath = join(dir, SCENARIO_FILE);
  if (!existsSync(manifestPath)) {
    const why = existsSync(dir) ? `no ${SCENARIO_FILE}: not a fixture folder (fixtures export writes one)` : 'no such folder';
    return { fixtures: [], errors: [{ file: '', message: why }] };
  }
  const json = parseOrError(readFileSync(manifestPath, 'utf8'));
  if ('error' in json) return { fixtures: [], errors: [{ file: SCENARIO_FILE, message: json.error }] };
  const manifest = scenarioManifest.safeParse(json.value);
  if (!manifest.success) return { fixtures: [], errors: [{ file: SCENARIO_FILE, message: issues(manifest.error.issues) }] };

  const fixtures: LoadedFixture[] = [];
  const seen = new Set<string>();
  for (const entry of manifest.data.fixtures) {
    if (seen.has(entry.file)) {
      errors.push({ file: entry.file, message: `listed twice in ${SCENARIO_FILE}` });
      continue;
    }
    seen.add(entry.file);
    const loaded = readFixture(dir, entry.file, entry.offsetMs);
    if ('error' in loaded) errors.push({ file: entry.file, message: loaded.error });
    else fixtures.push(loaded);
  }

  // Timing: each offset is its receivedAt minus the first arrival's, and the list is in arrival order.
  // A fixture that disagrees is left out: which of the two times was meant cannot be known.
  const start = manifest.data.startedAt !== null ? Date.parse(manifest.data.startedAt) : (fixtures[0]?.captured.receivedAt ?? 0);
  let previous = -Infinity;
  const timed = fixtures.filter((f) => {
    const offset = f.captured.receivedAt - start;
    const fault =
      offset !== f.offsetMs
        ? `${SCENARIO_FILE} says offsetMs ${f.offsetMs}, its receivedAt says ${offset} (from startedAt): change both together`
        : f.captured.receivedAt < previous
          ? `listed out of arrival order in ${SCENARIO_FILE} (it arrived before the fixture listed above it)`
          : null;
    previous = Math.max(previous, f.captured.receivedAt);
    if (fault) errors.push({ file: f.file, message: fault });
    return fault === null;
  });
  return { fixtures: timed, errors };
}

function readFixture(dir: string, file: string, offsetMs: number): LoadedFixture | { error: string } {
  const path = join(dir, file);
  if (!existsSync(path)) return { error: `listed in ${SCENARIO_FILE} but missing` };
  const text = readFileSync(path, 'utf8');
  // Lossless for `body` (integers beyond 2^53 stay exact); JSON.parse for the fields the schema checks.
  const tree = parseJson(text);
  if (!tree.ok) return { error: `not JSON: ${tree.error.message}` };
  if (tree.problems.length > 0) return { error: tree.problems[0]!.message };
  const parsed = fixtureSchema.safeParse(JSON.parse(text));
  if (!parsed.success) return { error: issues(parsed.error.issues) };
  const f = parsed.data;

  const body = isJsonObject(tree.value) ? field(tree.value, 'body') : undefined;
  const raw = f.bodyFile !== undefined && existsSync(join(dir, f.bodyFile)) ? readFileSync(join(dir, f.bodyFile)) : null;
  const bytes = bodyBytes(f, body, raw);
  if (!bytes.ok) return { error: bytes.error };
  if (f.sha256 !== undefined && createHash('sha256').update(bytes.bytes).digest('hex') !== f.sha256) {
    return {
      error: `the body does not match its sha256${f.bodyFile ? ` (${f.bodyFile} changed?)` : ''}; if the body was edited on purpose, delete "sha256"`,
    };
  }
  return {
    file,
    offsetMs,
    id: f.id ?? null,
    captured: {
      receivedAt: Date.parse(f.receivedAt),
      endpoint: f.endpoint ?? endpointOfPath(f.path),
      method: f.method,
      path: f.path,
      query: f.query,
      headers: f.headers,
      remoteAddress: '',
      body: bytes.bytes,
      truncated: f.truncated,
    },
    response: f.response ?? null,
  };
}

function parseOrError(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { error: `not JSON: ${(e as Error).message}` };
  }
}

function issues(list: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return list.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
}
