// The desktop app's own preferences: where the receiver listens. They must be known before the core
// starts (the store's settings are read through the core, and the contract's settings are not ours to
// extend), so they live in a small JSON file in the user-data folder, created with the defaults on
// first run so a user can find and edit it (menu: File → Edit Receiver Settings…). Environment
// variables override it for one run.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_BODY_LIMIT, DEFAULT_INFLIGHT_BUDGET, DEFAULT_MAX_CONNECTIONS, DEFAULT_WAL_LIMIT } from '../../core/app.js';

export interface DesktopPrefs {
  /** 0 picks a free port (tests); the vendor needs a stable one, hence 8787 by default. */
  receiverPort: number;
  /** 127.0.0.1 keeps the receiver off the network; a tunnel reaches it there. 0.0.0.0 exposes it. */
  receiverHost: string;
  /** The receiver's limits (docs/SECURITY.md), in MiB where they are sizes; 0: no cap. */
  maxInflightMiB: number;
  maxConnections: number;
  walLimitMiB: number;
}

const MiB = 1024 * 1024;
export const PREFS_FILE = 'desktop-settings.json';
export const DEFAULT_PREFS: DesktopPrefs = {
  receiverPort: 8787,
  receiverHost: '127.0.0.1',
  maxInflightMiB: DEFAULT_INFLIGHT_BUDGET / MiB,
  maxConnections: DEFAULT_MAX_CONNECTIONS,
  walLimitMiB: DEFAULT_WAL_LIMIT / MiB,
};

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
  const limit = (key: 'maxInflightMiB' | 'maxConnections' | 'walLimitMiB', what: string, least = 0) => {
    const value = stored[key];
    if (value === undefined) return;
    if (typeof value === 'number' && Number.isInteger(value) && (value === 0 || value >= least)) prefs[key] = value;
    else
      problems.push(
        `${key} ${JSON.stringify(value)}: expected ${what} (0: no cap${least ? `, else at least ${least}` : ''}); using ${prefs[key]}`,
      );
  };
  // Below the body limit, a body that size would be refused forever.
  limit('maxInflightMiB', 'a whole number of MiB', Math.ceil(DEFAULT_BODY_LIMIT / MiB));
  limit('maxConnections', 'a whole number of connections');
  limit('walLimitMiB', 'a whole number of MiB');
  return { prefs, file, problems };
}

/** The prefs' receiver limits as the core takes them. */
export function receiverLimits(prefs: DesktopPrefs): { inflightBudget: number; maxConnections: number; walLimit: number } {
  return { inflightBudget: prefs.maxInflightMiB * MiB, maxConnections: prefs.maxConnections, walLimit: prefs.walLimitMiB * MiB };
}
