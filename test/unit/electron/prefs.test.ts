// The desktop's receiver settings: a file in user data, made on first run, overridable by environment.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PREFS, loadPrefs, PREFS_FILE, receiverLimits } from '../../../main/hosts/electron/prefs.js';

const dirs: string[] = [];
const userData = (file?: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'ci-prefs-'));
  dirs.push(dir);
  if (file !== undefined) writeFileSync(join(dir, PREFS_FILE), file);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('loadPrefs', () => {
  it('listens on 127.0.0.1:8787 by default and writes the file so the user can find it', () => {
    const dir = userData();
    expect(loadPrefs(dir, {})).toMatchObject({ prefs: { receiverPort: 8787, receiverHost: '127.0.0.1' }, problems: [] });
    expect(JSON.parse(readFileSync(join(dir, PREFS_FILE), 'utf8'))).toEqual(DEFAULT_PREFS);
  });

  it('reads the port and host from the file', () => {
    expect(loadPrefs(userData('{"receiverPort": 9000, "receiverHost": "0.0.0.0"}'), {}).prefs).toEqual({
      ...DEFAULT_PREFS,
      receiverPort: 9000,
      receiverHost: '0.0.0.0',
    });
  });

  it('lets the environment override the file for one run', () => {
    const env = { CALLBACK_INSPECTOR_PORT: '0', CALLBACK_INSPECTOR_HOST: '::1' };
    expect(loadPrefs(userData('{"receiverPort": 9000}'), env).prefs).toEqual({ ...DEFAULT_PREFS, receiverPort: 0, receiverHost: '::1' });
  });

  it('has the receiver limits of serve by default, and reads them from the file (0: no cap)', () => {
    expect(DEFAULT_PREFS).toMatchObject({ maxInflightMiB: 256, maxConnections: 1024, walLimitMiB: 64 });
    const { prefs, problems } = loadPrefs(userData('{"maxInflightMiB": 512, "maxConnections": 0, "walLimitMiB": 16}'), {});
    expect(problems).toEqual([]);
    expect(receiverLimits(prefs)).toEqual({ inflightBudget: 512 * 2 ** 20, maxConnections: 0, walLimit: 16 * 2 ** 20 });
  });

  it.each([
    ['a broken file', '{ receiverPort: 9000', /using the defaults/],
    ['a port out of range', '{"receiverPort": 70000}', /not a port number/],
    ['a port that is not a number', '{"receiverPort": "eighty"}', /not a port number/],
    ['an empty host', '{"receiverHost": " "}', /not an address/],
    ['an in-flight budget below the body limit', '{"maxInflightMiB": 8}', /maxInflightMiB 8: .*at least 32/],
    ['a connection cap that is not a whole number', '{"maxConnections": "many"}', /maxConnections "many"/],
    ['a negative WAL limit', '{"walLimitMiB": -1}', /walLimitMiB -1/],
  ])('falls back to the default for %s and says so', (_what, file, problem) => {
    const loaded = loadPrefs(userData(file), {});
    expect(loaded.prefs).toEqual(DEFAULT_PREFS);
    expect(loaded.problems.join('\n')).toMatch(problem);
  });

  it('does not overwrite a file it could not read', () => {
    const dir = userData('{ receiverPort: 9000');
    loadPrefs(dir, {});
    expect(readFileSync(join(dir, PREFS_FILE), 'utf8')).toBe('{ receiverPort: 9000');
    expect(existsSync(join(dir, PREFS_FILE))).toBe(true);
  });
});
