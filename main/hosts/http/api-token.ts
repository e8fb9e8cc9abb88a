// The API's bearer token, kept in the data directory (0600) so that the command-line tools of the
// same user can read it and reach the running core (hosts/cli/core-access.ts); both hosts use it.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_TOKEN_FILE } from '../../core/data-dir-lock.js';

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
