// `npm start` runs this before Electron: it makes (once, and again only when Electron, better-sqlite3,
// the platform or the arch changed, or the binary is not for Electron's module version after all) an
// Electron-ABI build of better-sqlite3 in build/native/electron/, without touching
// node_modules/better-sqlite3, which stays the Node build that tests and `serve` load.
// It needs the network on first run (a prebuilt binary from better-sqlite3's releases, else Electron's
// headers and a C++ toolchain), which is why it is not a postinstall: `npm ci` must work without them.
// Packaging does not use it: electron-builder rebuilds node_modules inside the package (npmRebuild).
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BINDING_FILE,
  electronBindingDir,
  rebuildReason,
  STAMP_FILE,
  type BindingStamp,
} from '../../main/hosts/electron/native-binding.js';
import { moduleVersionMismatch } from './module-version.js';

const require = createRequire(import.meta.url);
const packageVersion = (name: string): string =>
  (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;

export function wantedStamp(): BindingStamp {
  return {
    electron: packageVersion('electron'),
    betterSqlite3: packageVersion('better-sqlite3'),
    platform: process.platform,
    arch: process.arch,
  };
}

/** Electron's NODE_MODULE_VERSION, from node-abi: the table @electron/rebuild builds by. */
export function electronModuleVersion(electron: string): number {
  const { getAbi } = require('node-abi') as { getAbi(target: string, runtime: string): string };
  return Number(getAbi(electron, 'electron'));
}

/** Why the Electron copy in `outDir` must be (re)built: what its stamp says, then what its binary is. */
export function electronRebuildReason(
  outDir: string,
  wanted: BindingStamp,
  moduleVersion = electronModuleVersion(wanted.electron),
): string | null {
  return rebuildReason(outDir, wanted) ?? moduleVersionMismatch(join(outDir, BINDING_FILE), moduleVersion, `Electron ${wanted.electron}`);
}

export async function buildElectronBinding(appRoot: string, wanted = wantedStamp()): Promise<string> {
  const outDir = electronBindingDir(appRoot);
  const moduleVersion = electronModuleVersion(wanted.electron);
  const reason = electronRebuildReason(outDir, wanted, moduleVersion);
  if (!reason) return join(outDir, BINDING_FILE);
  console.log(`better-sqlite3 for Electron ${wanted.electron}: building (${reason})`);

  // @electron/rebuild rebuilds modules in place, so it works on a copy of the package (sources, no
  // build/) in a staging folder of its own. The staging folder sits inside the project so that
  // prebuild-install and node-gyp, looked up by walking up from the module, are found in node_modules.
  const staging = join(appRoot, 'build', 'native', 'staging');
  rmSync(staging, { recursive: true, force: true });
  try {
    const moduleDir = join(staging, 'node_modules', 'better-sqlite3');
    cpSync(dirname(require.resolve('better-sqlite3/package.json')), moduleDir, {
      recursive: true,
      filter: (src) => !/[\\/]better-sqlite3[\\/]build([\\/]|$)/.test(src),
    });
    writeFileSync(
      join(staging, 'package.json'),
      JSON.stringify({ name: 'electron-native-staging', private: true, dependencies: { 'better-sqlite3': wanted.betterSqlite3 } }),
    );
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({
      buildPath: staging,
      // Without this, @electron/rebuild would look up to the project's lockfile and also rebuild the
      // project's own node_modules/better-sqlite3 for Electron: exactly what must not happen.
      projectRootPath: staging,
      electronVersion: wanted.electron,
      arch: wanted.arch,
      onlyModules: ['better-sqlite3'],
      force: true,
    });
    const built = join(moduleDir, 'build', 'Release', BINDING_FILE);
    // No stamp over a binary Electron would refuse: the next start would trust it and crash.
    const mismatch = moduleVersionMismatch(built, moduleVersion, `Electron ${wanted.electron}`);
    if (mismatch)
      throw new Error(`${mismatch}: node-gyp compiled it against other headers than Electron's (is \`nodedir\` set in your npm config?)`);
    mkdirSync(outDir, { recursive: true });
    copyFileSync(built, join(outDir, BINDING_FILE));
    // The stamp last: an interrupted build leaves no stamp, so the next start builds again.
    writeFileSync(join(outDir, STAMP_FILE), `${JSON.stringify(wanted, null, 2)}\n`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return join(outDir, BINDING_FILE);
}

// Run as a script: `tsx scripts/electron/build-native.ts` from the project root (`npm start` does).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildElectronBinding(process.cwd()).then(
    (file) => console.log(`better-sqlite3 for Electron: ${file}`),
    (error: unknown) => {
      console.error(`could not build better-sqlite3 for Electron: ${error instanceof Error ? error.message : String(error)}`);
      console.error('It needs the network once (a prebuilt binary, or Electron headers and a C++ toolchain); see docs/DESKTOP.md.');
      process.exitCode = 1;
    },
  );
}
