// The desktop app's own preferences: where the receiver listens. They must be known before the core
// starts (the store's settings are read through the core, and the contract's settings are not ours to
// extend), so they live in a small JSON file in the user-data folder, created with the defaults on
// first run so a user can find and edit it (menu: File → Edit Receiver Settings…). Environment
// variables override it for one run.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DesktopPrefs {
  /** 0 picks a free port (tests); the vendor needs a stable one, hence 8787 by default. */
  receiverPort: number;
  /** 127.0.0.1 keeps the receiver off the network; a tunnel reaches it there. 0.0.0.0 exposes it. */
  receiverHost: string;
}

export const PREFS_FILE = 'desktop-settings.json';
export const DEFAULT_PREFS: DesktopPrefs = { receiverPort: 8787, receiverHost: '127.0.0.1' };

export interface LoadedPrefs {
  prefs: DesktopPrefs;
  file: string;
  /** What was ignored and why; shown to the user, never silently dropped. */
  problems: string[];
}

export function loadPrefs(userData: string, env: NodeJS.ProcessEnv = process.env): LoadedPrefs {
  const file = join(userData, PREFS_FILE);
  const problems: string[] = [];
  let stored: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) stored = parsed as Record<string, unknown>;
      else problems.push(`${file}: expected a JSON object; using the defaults`);
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}; using the defaults`);
    }
  } else {
    mkdirSync(userData, { recursive: true });
    writeFileSync(file, `${JSON.stringify(DEFAULT_PREFS, null, 2)}\n`);
  }
  const prefs = { ...DEFAULT_PREFS };
  const port = env.CALLBACK_INSPECTOR_PORT ?? stored.receiverPort;
  if (port !== undefined) {
    const n = Number(port);
    if (Number.isInteger(n) && n >= 0 && n <= 65535) prefs.receiverPort = n;
    else problems.push(`receiver port ${JSON.stringify(port)} is not a port number (0-65535); using ${prefs.receiverPort}`);
  }
  const host = env.CALLBACK_INSPECTOR_HOST ?? stored.receiverHost;
  if (host !== undefined) {
    if (typeof host === 'string' && host.trim()) prefs.receiverHost = host.trim();
    else problems.push(`receiver host ${JSON.stringify(host)} is not an address; using ${prefs.receiverHost}`);
  }
  return { prefs, file, problems };
}
