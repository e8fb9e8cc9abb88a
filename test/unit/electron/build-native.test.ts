// The `npm start` step that makes the Electron copy of better-sqlite3: it knows what it is building
// for, and does nothing (no network, no compiler) when the copy on disk already fits, which its stamp
// alone cannot vouch for: the binary must carry Electron's module version.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildElectronBinding, electronModuleVersion, electronRebuildReason, wantedStamp } from '../../../scripts/electron/build-native.js';
import { nodeBindingFile } from '../../../scripts/electron/package-app.js';
import { BINDING_FILE, electronBindingDir, STAMP_FILE } from '../../../main/hosts/electron/native-binding.js';

const require = createRequire(import.meta.url);
const root = mkdtempSync(join(tmpdir(), 'ci-build-native-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const electron = wantedStamp().electron;
const nodeModules = process.versions.modules;

/** An Electron copy with a stamp that fits, over `binding`'s bytes. */
function stampedCopy(name: string, binding: Buffer): string {
  const dir = join(root, name, 'build', 'native', 'electron');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, BINDING_FILE), binding);
  writeFileSync(join(dir, STAMP_FILE), JSON.stringify(wantedStamp()));
  return join(root, name);
}

/** The real Node build with its module version symbol renamed to Electron's: what a good Electron build exports. */
function electronBuildOfSameBytes(): Buffer {
  const wanted = String(electronModuleVersion(electron));
  expect(wanted).toHaveLength(nodeModules.length); // same length, so the binary's layout is untouched
  const bytes = readFileSync(nodeBindingFile());
  const from = Buffer.from(`node_register_module_v${nodeModules}`);
  for (let at = bytes.indexOf(from); at !== -1; at = bytes.indexOf(from, at + 1))
    bytes.write(`node_register_module_v${wanted}`, at, 'latin1');
  return bytes;
}

describe('building better-sqlite3 for Electron', () => {
  it('targets the installed Electron and better-sqlite3 on this platform and arch', () => {
    expect(wantedStamp()).toEqual({
      electron: (require('electron/package.json') as { version: string }).version,
      betterSqlite3: (require('better-sqlite3/package.json') as { version: string }).version,
      platform: process.platform,
      arch: process.arch,
    });
  });

  it("takes Electron's module version from the table @electron/rebuild builds by", async () => {
    const rebuildsAbi = createRequire(require.resolve('@electron/rebuild')).resolve('node-abi');
    const { getAbi } = (await import(pathToFileURL(rebuildsAbi).href)) as { getAbi(target: string, runtime: string): string };
    expect(electronModuleVersion(electron)).toBe(Number(getAbi(electron, 'electron')));
    expect(String(electronModuleVersion(electron))).not.toBe(nodeModules);
  });

  it("rebuilds a copy stamped for Electron whose binary is built for Node's module version", () => {
    const app = stampedCopy('node-abi', readFileSync(nodeBindingFile()));
    expect(electronRebuildReason(electronBindingDir(app), wantedStamp())).toBe(
      `the binary is built for Node module version ${nodeModules}, Electron ${electron} needs ${electronModuleVersion(electron)}`,
    );
  });

  it('rebuilds a stamped copy that is no addon at all', () => {
    const app = stampedCopy('garbage', Buffer.from('built earlier'));
    expect(electronRebuildReason(electronBindingDir(app), wantedStamp())).toMatch(/names no Node module version/);
  });

  it('keeps a copy that fits, stamp and binary, without rebuilding it', async () => {
    const app = stampedCopy('fits', electronBuildOfSameBytes());
    expect(electronRebuildReason(electronBindingDir(app), wantedStamp())).toBeNull();
    await expect(buildElectronBinding(app)).resolves.toBe(join(electronBindingDir(app), BINDING_FILE));
    expect(existsSync(join(app, 'build', 'native', 'staging'))).toBe(false);
  });
});
