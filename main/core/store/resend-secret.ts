// The data directory's secret that signs this app's re-send mark (receiver/resend-mark.ts), so that a
// request carrying the mark header without it is the vendor's (or anyone's) like any other. It lives
// in the settings table, under a key the settings API neither lists nor accepts, so that every
// process on this data directory (serve, the desktop app, a CLI `send`) signs and checks with the same
// one, and it never travels in an export.
import { randomBytes } from 'node:crypto';
import type { Db } from './db.js';
import type { ResendSecret } from './store-interface.js';

const KEY = 'resendMarkSecret';

export function resendSecretStatements(db: Db): ResendSecret {
  const read = db.prepare<[], { value: string }>(`SELECT value FROM settings WHERE key = '${KEY}'`);
  // Two processes making it at once keep the first: both then read that one.
  const create = db.prepare<[string]>(`INSERT OR IGNORE INTO settings (key, value) VALUES ('${KEY}', ?)`);
  let known: Buffer | null = null;
  const current = (): Buffer | null => {
    if (known) return known;
    const row = read.get();
    if (row) known = Buffer.from(JSON.parse(row.value) as string, 'base64url');
    return known;
  };
  return {
    /** The secret, or null while nothing on this data directory has ever re-sent to itself (so no mark is genuine). */
    current,
    /** The secret, made at the first re-send to this app's own receiver. */
    ensure(): Buffer {
      const kept = current();
      if (kept) return kept;
      create.run(JSON.stringify(randomBytes(32).toString('base64url')));
      return current()!;
    },
  };
}
