// Which Chromium (or Chrome) the browser tests and benchmarks drive: $CHROMIUM_PATH when set, else
// the first executable in the usual places of this OS (Debian's /usr/bin/chromium first, as .ci/run
// installs it). Missing, it fails with one message that names the variable, not playwright's.
import { accessSync, constants, statSync } from 'node:fs';
import { win32 } from 'node:path';

export const CHROMIUM_VARIABLE = 'CHROMIUM_PATH';

/** Where Chromium or Chrome usually lives on `platform`, in the order they are tried. */
export function usualChromiumPlaces(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') {
    return ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES ?? 'C:\\Program Files', env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', env.LOCALAPPDATA];
    return roots
      .filter((root): root is string => Boolean(root))
      .map((root) => win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'));
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
}

/** The browser to launch; throws with what to do when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, places = usualChromiumPlaces(process.platform, env)): string {
  const chosen = env[CHROMIUM_VARIABLE];
  if (chosen) {
    if (!isExecutableFile(chosen))
      throw new Error(`${CHROMIUM_VARIABLE}=${chosen} is not an executable file: point it at Chromium or Chrome.`);
    return chosen;
  }
  const found = places.find(isExecutableFile);
  if (found) return found;
  throw new Error(
    `No Chromium or Chrome found (looked for ${places.join(', ')}). Install one (Debian: apt-get install chromium) ` +
      `or set ${CHROMIUM_VARIABLE} to its executable.`,
  );
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
