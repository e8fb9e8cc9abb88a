// electron-builder.yml: the installers QA needs, better-sqlite3 loadable from outside the asar, only
// built output in the package, and the Electron fuses that shut the "run me as Node" doors.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const config = parse(readFileSync(join(import.meta.dirname, '../../../electron-builder.yml'), 'utf8')) as Record<string, any>;
const targets = (platform: string) =>
  (config[platform].target as Array<string | { target: string }>).map((t) => (typeof t === 'string' ? t : t.target));

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema (a misspelt key fails here, not on a release machine)", async () => {
    // electron-builder's validator is not part of its public entry point; it is what `electron-builder` runs first.
    const require = createRequire(import.meta.url);
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(c: unknown, l: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new () => unknown };
    await expect(validateConfiguration(structuredClone(config), new DebugLogger())).resolves.toBeUndefined();
  });

  it('names the app', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.productName).toBe('Callback Inspector');
  });

  it.each([
    ['linux', ['AppImage', 'deb']],
    ['mac', ['dmg']],
    ['win', ['nsis']],
  ])('builds %s as %j', (platform, expected) => {
    expect(targets(platform)).toEqual(expected);
  });

  it('packs an asar with better-sqlite3 unpacked, rebuilt for Electron at packaging time', () => {
    expect(config.asar).not.toBe(false);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(config.npmRebuild).toBe(true);
  });

  it('packs the built output and package.json, and no sources, tests, maps or dev scripts', () => {
    const files = config.files as string[];
    const included = files.filter((f) => !f.startsWith('!'));
    expect(included).toEqual(['dist/**', 'package.json']);
    expect(files).toEqual(expect.arrayContaining(['!**/*.map', '!dist/main/hosts/electron/preload.js']));
    for (const source of ['main/**', 'shared/**', 'renderer/**', 'test/**', 'src/**', 'bin/**', 'scripts/**'])
      expect(included).not.toContain(source);
  });

  it('sets the hardening fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('matches package.json: the entry it packs is the Electron main process', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/main/hosts/electron/index.js');
    expect(pkg.main).toMatch(/^dist\//);
  });
});
