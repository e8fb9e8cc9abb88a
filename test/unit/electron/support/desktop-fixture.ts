// The desktop app's surroundings on a temp dir, as on a developer's laptop after `npm start` built the
// Electron copy of better-sqlite3: an app root holding build/native/electron/better_sqlite3.node (here
// a copy of the Node build, the only one that loads under vitest) and an appData folder whose
// receiver settings pick a free port.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { electronBindingDir, BINDING_FILE } from '../../../../main/hosts/electron/native-binding.js';
import { userDataDir } from '../../../../main/hosts/electron/paths.js';
import { PREFS_FILE } from '../../../../main/hosts/electron/prefs.js';

export function desktopFixture() {
  const root = mkdtempSync(join(tmpdir(), 'ci-desktop-'));
  const appRoot = join(root, 'app');
  const appData = join(root, 'appData');
  const userData = userDataDir(appData);
  const binding = join(electronBindingDir(appRoot), BINDING_FILE);
  mkdirSync(dirname(binding), { recursive: true });
  const nodeBuild = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', BINDING_FILE);
  copyFileSync(nodeBuild, binding);
  mkdirSync(userData, { recursive: true });
  writeFileSync(join(userData, PREFS_FILE), JSON.stringify({ receiverPort: 0 }));
  return { appRoot, appData, userData, binding, remove: () => rmSync(root, { recursive: true, force: true }) };
}
