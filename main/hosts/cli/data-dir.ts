// Where `serve` and the other commands keep their data when --data is not given, and the API token.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { API_TOKEN_FILE } from '../../core/data-dir-lock.js';

export function defaultDataDir(env = process.env, platform = process.platform): string {
  if (env.CALLBACK_INSPECTOR_DATA) return env.CALLBACK_INSPECTOR_DATA;
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'callback-inspector');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'callback-inspector');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'callback-inspector');
}

/** The API's bearer token: the one given, else the one kept in the data dir, else a new one kept there. */
export function apiToken(dataDir: string, given?: string): string {
  if (given) return given;
  const file = join(dataDir, API_TOKEN_FILE);
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept) return kept;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}
