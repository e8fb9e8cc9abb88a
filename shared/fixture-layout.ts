// How fixture files are laid out (docs/FIXTURES.md): indented JSON for reading and diffing, one field
// per line, one line per header pair or scenario entry, the body indented with its numbers as written
// (lossless-json). The core writes NAME.json this way; `fixtures export` writes scenario.json.
import { stringify } from 'lossless-json';
import { SCENARIO_FORMAT, SCENARIO_VERSION, type Fixture, type ScenarioManifest } from './fixture-format.js';

export function fixtureLayout(value: Fixture | ScenarioManifest): string {
  const fields = Object.entries(value).map(([key, v]: [string, unknown]) => {
    if (key === 'body') return `  "body": ${(stringify(v, undefined, 2) ?? 'null').replaceAll('\n', '\n  ')}`;
    const text = Array.isArray(v) ? listLayout(v) : v !== null && typeof v === 'object' ? compactObject(v) : JSON.stringify(v);
    return `  ${JSON.stringify(key)}: ${text}`;
  });
  return `{\n${fields.join(',\n')}\n}\n`;
}

/** Digits of a fixture's number (its name's prefix) in a folder of `count`. */
export const numberWidth = (count: number) => Math.max(4, String(count).length);

/** scenario.json's text: the fixtures in arrival order, each with its offset from `startedAt` (epoch ms). */
export function scenarioText(createdBy: string, startedAt: number | null, fixtures: ScenarioManifest['fixtures']): string {
  const manifest: ScenarioManifest = {
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    createdBy,
    startedAt: startedAt === null ? null : new Date(startedAt).toISOString(),
    fixtures,
  };
  return fixtureLayout(manifest);
}

function listLayout(items: unknown[]): string {
  if (items.length === 0) return '[]';
  const lines = items.map(
    (item) => `    ${Array.isArray(item) ? `[${item.map((x) => JSON.stringify(x)).join(', ')}]` : compactObject(item)}`,
  );
  return `[\n${lines.join(',\n')}\n  ]`;
}

const compactObject = (o: unknown) =>
  `{ ${Object.entries(o as object)
    .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)
    .join(', ')} }`;
