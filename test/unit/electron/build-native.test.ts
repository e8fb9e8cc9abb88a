// The `npm start` step that makes the Electron copy of better-sqlite3: it knows what it is building
// for, and does nothing (no network, no compiler) when the copy on disk already fits.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildElectronBinding, wantedStamp } from '../../../main/hosts/electron/dev/build-native.js';
import { BINDING_FILE, electronBindingDir, STAMP_FILE } from '../../../main/hosts/electron/native-binding.js';

const require = createRequire(import.meta.url);
const root = mkdtempSync(join(tmpdir(), 'ci-build-native-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('building better-sqlite3 for Electron', () => {
  it('targets the installed Electron and better-sqlite3 on this platform and arch', () => {
    expect(wantedStamp()).toEqual({
      electron: (require('electron/package.json') as { version: string }).version,
      betterSqlite3: (require('better-sqlite3/package.json') as { version: string }).version,
      platform: process.platform,
      arch: process.arch,
    });
  });

  it('keeps a copy that fits without rebuilding it', async () => {
    const dir = electronBindingDir(root);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, BINDING_FILE), 'built earlier');
    writeFileSync(join(dir, STAMP_FILE), JSON.stringify(wantedStamp()));
    await expect(buildElectronBinding(root)).resolves.toBe(join(dir, BINDING_FILE));
    expect(existsSync(join(root, 'build', 'native', 'staging'))).toBe(false);
  });
});
