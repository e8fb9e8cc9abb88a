// The front doors stay true to the tree: every folder of the core, the hosts, shared/, the renderer
// and test/ is named in the README that maps it, so a new room cannot go unexplained.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const folders = (dir: string) =>
  readdirSync(new URL(dir, root), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
const readme = (file: string) => readFileSync(new URL(file, root), 'utf8');

describe('module maps', () => {
  it.each([
    ['main/README.md', 'main/core/'],
    ['main/README.md', 'main/hosts/'],
    ['shared/README.md', 'shared/'],
    ['renderer/README.md', 'renderer/src/'],
    ['test/README.md', 'test/'],
  ])('%s names every folder of %s', (map, dir) => {
    const text = readme(map);
    expect(folders(dir).filter((name) => !text.includes(`${name}/`))).toEqual([]);
  });
});
