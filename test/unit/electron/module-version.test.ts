// Reading which Node module version a native addon was built for, from the binary itself, on the
// real better-sqlite3 build in node_modules (compiled for the Node running these tests).
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeBindingFile } from '../../../scripts/electron/package-app.js';
import { builtModuleVersion, moduleVersionMismatch } from '../../../scripts/electron/module-version.js';

const dir = mkdtempSync(join(tmpdir(), 'ci-module-version-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const nodeModules = Number(process.versions.modules);

describe('builtModuleVersion', () => {
  it("reads the Node build of better-sqlite3 as built for this Node's module version", () => {
    expect(builtModuleVersion(nodeBindingFile())).toBe(nodeModules);
  });

  it('reads none from a file that is no addon', () => {
    const file = join(dir, 'not-an-addon.node');
    writeFileSync(file, 'built earlier');
    expect(builtModuleVersion(file)).toBeNull();
  });
});

describe('moduleVersionMismatch', () => {
  it("passes a binary built for the runtime's module version", () => {
    expect(moduleVersionMismatch(nodeBindingFile(), nodeModules, `Node ${process.version}`)).toBeNull();
  });

  it('names both versions when the binary was built for another runtime', () => {
    const file = join(dir, 'copy.node');
    copyFileSync(nodeBindingFile(), file);
    expect(moduleVersionMismatch(file, nodeModules + 35, 'Electron 45.5.0')).toBe(
      `the binary is built for Node module version ${nodeModules}, Electron 45.5.0 needs ${nodeModules + 35}`,
    );
  });
});
