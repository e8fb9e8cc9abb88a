// better-sqlite3 is compiled for one ABI at a time. Tests and `serve` use the Node build in
// node_modules; the desktop app in development uses an Electron build kept apart in
// build/native/electron/ (made by build-native.ts) and handed to better-sqlite3's `nativeBinding`
// option, so `npm test` and `npm start` never overwrite each other's binary. A packaged app has no
// such copy: electron-builder rebuilt node_modules/better-sqlite3 for Electron (npmRebuild) and it is
// unpacked from the asar, so the default lookup finds the right one.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const BINDING_FILE = 'better_sqlite3.node';

export function electronBindingDir(appRoot: string): string {
  return join(appRoot, 'build', 'native', 'electron');
}

/** What an Electron build of the binding was made for; a mismatch on any field means rebuild. */
export interface BindingStamp {
  electron: string;
  betterSqlite3: string;
  platform: string;
  arch: string;
}

export const STAMP_FILE = 'stamp.json';

export function readStamp(dir: string): BindingStamp | null {
  try {
    return JSON.parse(readFileSync(join(dir, STAMP_FILE), 'utf8')) as BindingStamp;
  } catch {
    return null;
  }
}

/** Why the Electron copy must be (re)built, or null when the one on disk fits `wanted`. */
export function rebuildReason(dir: string, wanted: BindingStamp): string | null {
  if (!existsSync(join(dir, BINDING_FILE))) return 'no Electron build of better-sqlite3 yet';
  const have = readStamp(dir);
  if (!have) return 'the Electron build has no stamp saying what it was built for';
  for (const key of ['electron', 'betterSqlite3', 'platform', 'arch'] as const) {
    if (have[key] !== wanted[key]) return `${key} changed: built for ${have[key]}, now ${wanted[key]}`;
  }
  return null;
}

/** The `nativeBinding` to pass to startCore: the Electron copy in development, the default when packaged. */
export function resolveNativeBinding(options: { isPackaged: boolean; appRoot: string }): string | undefined {
  if (options.isPackaged) return undefined;
  const file = join(electronBindingDir(options.appRoot), BINDING_FILE);
  if (!existsSync(file)) {
    throw new Error(
      `The Electron build of better-sqlite3 is missing (${file}). ` +
        'Start the app with `npm start`, which builds it, or run `npx tsx scripts/electron/build-native.ts`.',
    );
  }
  return file;
}
