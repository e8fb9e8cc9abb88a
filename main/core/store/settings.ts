// Key/value settings with typed defaults.
import type { Settings } from '../../../shared/api.js';
import type { Db } from './db.js';
import type { SettingsStore } from './store-interface.js';

export const defaultSettings: Settings = { retentionCount: 0, retentionDays: 0, publicUrl: '' };

export function settingsStatements(db: Db): SettingsStore {
  const all = db.prepare<[], { key: string; value: string }>(`SELECT key, value FROM settings`);
  const upsert = db.prepare<[string, string]>(
    `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
  );
  const get = (): Settings => {
    const out: Record<string, unknown> = { ...defaultSettings };
    for (const { key, value } of all.all()) if (key in defaultSettings) out[key] = JSON.parse(value);
    return out as unknown as Settings;
  };
  const put = db.transaction((patch: Partial<Settings>) => {
    for (const [key, value] of Object.entries(patch)) if (value !== undefined) upsert.run(key, JSON.stringify(value));
    return get();
  });
  return { get, put };
}
