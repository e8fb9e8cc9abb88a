// Migrations are never edited after landing. A store already at version N never runs file N again, so
// an edit would reach new stores only, and two stores at the same version would differ. landed.json
// holds the sha256 of each landed file's text (line endings as LF, so a Windows checkout hashes
// alike). It sits beside the migrations rather than in test/fixtures: whoever adds a migration sees it
// in the same folder, and a review sees an edit to a landed migration as a changed line there.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const folder = fileURLToPath(new URL('../../../main/core/store/migrations/', import.meta.url));
const landed = JSON.parse(readFileSync(join(folder, 'landed.json'), 'utf8')) as Record<string, string>;
const numbered = readdirSync(folder)
  .filter((f) => /^\d{4}-[a-z0-9-]+\.ts$/.test(f))
  .sort();
const hashOf = (file: string) =>
  createHash('sha256')
    .update(readFileSync(join(folder, file), 'utf8').replace(/\r\n?/g, '\n'))
    .digest('hex');

describe('landed migrations', () => {
  it.each(Object.entries(landed))('%s is still there, unchanged since it landed', (file, hash) => {
    expect(existsSync(join(folder, file)), `${file} was removed: a store at its version or older can no longer be migrated`).toBe(true);
    expect(hashOf(file), `${file} changed after it landed: migrations are never edited after landing: add a new one`).toBe(hash);
  });

  it('include every numbered migration in the folder', () => {
    const missing = numbered.filter((f) => !(f in landed));
    expect(
      missing,
      `not in main/core/store/migrations/landed.json: add a new migration there in the commit that adds it: ${missing.map((f) => `"${f}": "${hashOf(f)}"`).join(', ')}`,
    ).toEqual([]);
  });
});
