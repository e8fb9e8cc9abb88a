// Named receivers and their behaviour, stored as validated JSON (the schema lives in shared/api.ts).
import type { EndpointConfig } from '../../../shared/model.js';
import type { Db } from './db.js';

export function endpointStatements(db: Db) {
  const all = db.prepare<[], { config: string }>(`SELECT config FROM endpoints ORDER BY name`);
  const upsert = db.prepare<[string, string, number]>(
    `INSERT INTO endpoints (name, config, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare<[string]>(`DELETE FROM endpoints WHERE name = ?`);
  return {
    list: (): EndpointConfig[] => all.all().map((r) => JSON.parse(r.config) as EndpointConfig),
    put: (config: EndpointConfig) => void upsert.run(config.name, JSON.stringify(config), Date.now()),
    remove: (name: string) => remove.run(name).changes > 0,
  };
}
