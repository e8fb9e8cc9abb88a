// Where `serve` and the other commands keep their data when --data is not given.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env = process.env, platform = process.platform): string {
  if (env.CALLBACK_INSPECTOR_DATA) return env.CALLBACK_INSPECTOR_DATA;
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'callback-inspector');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'callback-inspector');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'callback-inspector');
}
