// Finding the browser the UI tests and benchmarks drive, on real files in a temp dir: the variable
// wins, then the first executable of the usual places; nothing found names the variable to set.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHROMIUM_VARIABLE, findChromium, usualChromiumPlaces } from '../../e2e/support/chromium-path.js';

const dir = mkdtempSync(join(tmpdir(), 'ci-chromium-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, mode: number): string {
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, mode);
  return path;
}
const executable = file('chrome', 0o755);
const plain = file('not-executable', 0o644);
const missing = join(dir, 'missing');
const folder = join(dir, 'folder');
mkdirSync(folder);

describe.skipIf(process.platform === 'win32')('findChromium', () => {
  it('takes the browser CHROMIUM_PATH names, before any usual place', () => {
    const other = file('other-chrome', 0o755);
    expect(findChromium({ [CHROMIUM_VARIABLE]: executable }, [other])).toBe(executable);
  });

  it.each([
    ['a missing file', missing],
    ['a file that is not executable', plain],
    ['a folder', folder],
  ])('refuses a CHROMIUM_PATH naming %s, rather than trying the usual places', (_, path) => {
    expect(() => findChromium({ [CHROMIUM_VARIABLE]: path }, [executable])).toThrow(
      `${CHROMIUM_VARIABLE}=${path} is not an executable file`,
    );
  });

  it('otherwise takes the first usual place that holds an executable file', () => {
    expect(findChromium({}, [missing, plain, folder, executable])).toBe(executable);
  });

  it('names the places it looked and the variable to set when there is none', () => {
    expect(() => findChromium({}, [missing, plain])).toThrow(
      `No Chromium or Chrome found (looked for ${missing}, ${plain}). Install one (Debian: apt-get install chromium) or set ${CHROMIUM_VARIABLE} to its executable.`,
    );
  });
});

describe('usualChromiumPlaces', () => {
  it("tries Debian's /usr/bin/chromium first on Linux (what .ci/run installs), then the other names", () => {
    expect(usualChromiumPlaces('linux', {})).toEqual([
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/usr/bin/google-chrome',
      '/usr/bin/google-chrome-stable',
    ]);
  });

  it('looks in the application bundles on macOS', () => {
    expect(usualChromiumPlaces('darwin', {})).toEqual([
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ]);
  });

  it("looks under the machine's and the user's program folders on Windows", () => {
    expect(
      usualChromiumPlaces('win32', {
        PROGRAMFILES: 'D:\\Apps',
        'PROGRAMFILES(X86)': 'D:\\Apps86',
        LOCALAPPDATA: 'C:\\Users\\qa\\AppData\\Local',
      }),
    ).toEqual([
      'D:\\Apps\\Google\\Chrome\\Application\\chrome.exe',
      'D:\\Apps86\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Users\\qa\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
    ]);
  });
});
