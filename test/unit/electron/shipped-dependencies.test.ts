// electron-builder ships package.json's `dependencies` in the installer's node_modules. They must be
// what the Node side (main process, core, CLI, and the shared/ files they reach) loads at run time:
// a package only the renderer uses is already inside the Vite bundle, and would ship a second time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importedPackages, repoRoot, sourceFiles } from './support/imported-packages.js';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const dependencies = Object.keys(pkg.dependencies);

// What electron-builder.yml leaves out of the package: tsc's copy of the preload (the window loads
// Vite's bundle of it, which has its packages inside). The dev scripts are in scripts/, not main/.
const notShipped = ['main/hosts/electron/preload.ts'].map((p) => join(repoRoot, p));
const nodeSide = importedPackages([...sourceFiles(join(repoRoot, 'main'), notShipped), ...sourceFiles(join(repoRoot, 'bin'))]);
const renderer = importedPackages(sourceFiles(join(repoRoot, 'renderer', 'src')));

describe('the dependencies the installer ships', () => {
  it('are all loaded by the Node side: none is used by the renderer bundle alone, or by nobody', () => {
    const extra = dependencies
      .filter((name) => !nodeSide.has(name))
      .map((name) => `${name} (${renderer.has(name) ? `renderer only: ${renderer.get(name)![0]}` : 'imported nowhere'})`);
    expect(extra, 'move these to devDependencies (Vite bundles what the renderer uses) or remove them').toEqual([]);
  });

  it('include every package the Node side loads (electron aside: it is the runtime itself)', () => {
    const missing = [...nodeSide.keys()]
      .filter((name) => name !== 'electron' && !dependencies.includes(name))
      .map((name) => `${name} (${nodeSide.get(name)![0]})`);
    expect(missing, 'the installed app could not load these').toEqual([]);
  });

  it('leave what only the renderer uses installed for its build, as devDependencies', () => {
    expect(renderer.size).toBeGreaterThan(0);
    const absent = [...renderer.keys()].filter((name) => !(name in pkg.devDependencies) && !dependencies.includes(name));
    expect(absent).toEqual([]);
  });
});
