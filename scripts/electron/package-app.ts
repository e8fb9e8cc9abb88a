// `npm run dist`: electron-builder for the current platform's targets (electron-builder.yml). Its
// npmRebuild rebuilds better-sqlite3 for Electron inside the project's own node_modules (that is
// what it packs), which would leave `npm test` and `serve` with a binding Node cannot load; so the
// Node build is set aside first and put back afterwards, whether packaging succeeded or not.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BINDING_FILE } from '../../main/hosts/electron/native-binding.js';

/** Runs `work`, then restores `file` to the bytes it had before, even when `work` fails. */
export async function keepingFile<T>(file: string, work: () => Promise<T>): Promise<T> {
  const aside = mkdtempSync(join(tmpdir(), 'ci-keep-'));
  const copy = join(aside, 'kept');
  copyFileSync(file, copy);
  try {
    return await work();
  } finally {
    copyFileSync(copy, file);
    rmSync(aside, { recursive: true, force: true });
  }
}

export function nodeBindingFile(): string {
  const pkg = createRequire(import.meta.url).resolve('better-sqlite3/package.json');
  return join(dirname(pkg), 'build', 'Release', BINDING_FILE);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { build } = await import('electron-builder');
  // With no targets given, electron-builder builds the current platform's targets from the config.
  await keepingFile(nodeBindingFile(), () => build({ publish: 'never' })).then(
    (artifacts) => console.log(`packaged:\n  ${artifacts.join('\n  ')}`),
    (error: unknown) => {
      console.error(`packaging failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
