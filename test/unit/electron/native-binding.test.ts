// When the Electron build of better-sqlite3 must be (re)made, and which binding the app hands to the core.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BINDING_FILE,
  electronBindingDir,
  rebuildReason,
  resolveNativeBinding,
  STAMP_FILE,
  type BindingStamp,
} from '../../../main/hosts/electron/native-binding.js';

const wanted: BindingStamp = { electron: '45.5.0', betterSqlite3: '12.11.1', platform: 'linux', arch: 'x64' };
const roots: string[] = [];
function appRoot(contents: { binding?: boolean; stamp?: unknown } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'ci-native-'));
  roots.push(root);
  const dir = electronBindingDir(root);
  mkdirSync(dir, { recursive: true });
  if (contents.binding) writeFileSync(join(dir, BINDING_FILE), 'binary');
  if (contents.stamp !== undefined)
    writeFileSync(join(dir, STAMP_FILE), typeof contents.stamp === 'string' ? contents.stamp : JSON.stringify(contents.stamp));
  return root;
}
afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));

describe('rebuildReason', () => {
  it('builds when there is no Electron copy yet', () => {
    expect(rebuildReason(electronBindingDir(appRoot()), wanted)).toMatch(/no Electron build/);
  });

  it('rebuilds a copy without a stamp, or with an unreadable one', () => {
    expect(rebuildReason(electronBindingDir(appRoot({ binding: true })), wanted)).toMatch(/no stamp/);
    expect(rebuildReason(electronBindingDir(appRoot({ binding: true, stamp: '{oops' })), wanted)).toMatch(/no stamp/);
  });

  it.each([
    ['electron', '46.0.0'],
    ['betterSqlite3', '12.12.0'],
    ['platform', 'darwin'],
    ['arch', 'arm64'],
  ] as const)('rebuilds when %s changed', (key, value) => {
    const root = appRoot({ binding: true, stamp: { ...wanted, [key]: value } });
    expect(rebuildReason(electronBindingDir(root), wanted)).toBe(`${key} changed: built for ${value}, now ${wanted[key]}`);
  });

  it('keeps a copy built for the same Electron, better-sqlite3, platform and arch', () => {
    expect(rebuildReason(electronBindingDir(appRoot({ binding: true, stamp: wanted })), wanted)).toBeNull();
  });
});

describe('resolveNativeBinding', () => {
  it('uses the Electron copy when running from source', () => {
    const root = appRoot({ binding: true, stamp: wanted });
    expect(resolveNativeBinding({ isPackaged: false, appRoot: root })).toBe(join(root, 'build', 'native', 'electron', BINDING_FILE));
  });

  it('says how to build the copy when it is missing, rather than loading the Node build and crashing', () => {
    expect(() => resolveNativeBinding({ isPackaged: false, appRoot: appRoot() })).toThrow(/npm start.*scripts\/electron\/build-native\.ts/);
  });

  it('leaves a packaged app to better-sqlite3 default lookup (rebuilt for Electron by electron-builder)', () => {
    expect(resolveNativeBinding({ isPackaged: true, appRoot: '/nowhere/app.asar' })).toBeUndefined();
  });
});
