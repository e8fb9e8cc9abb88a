// Named receivers and their behaviour, stored as validated JSON (the schema lives in shared/api.ts).
import type { EndpointConfig } from '../../../shared/model.js';
import type { Db } from './db.js';
import type { EndpointStore } from './store-interface.js';

export function endpointStatements(db: Db): EndpointStore {
  const all = db.prepare<[], { config: string }>(`SELECT config FROM endpoints ORDER BY name`);
  const upsert = db.prepare<[string, string, number]>(
    `INSERT INTO endpoints (name, config, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare<[string]>(`DELETE FROM endpoints WHERE name = ?`);
  // Distinct names by hopping through the endpoint index, one look-up per name: a plain DISTINCT
  // would read the whole index (a million entries on a big store).
  const seen = db.prepare<[], { name: string }>(
    `WITH RECURSIVE hop(name) AS (
       SELECT MIN(endpoint) FROM deliveries
       UNION ALL
       SELECT (SELECT MIN(endpoint) FROM deliveries WHERE endpoint > hop.name) FROM hop WHERE hop.name IS NOT NULL
     )
     SELECT name FROM hop WHERE name IS NOT NULL`,
  );
  return {
    list: (): EndpointConfig[] => all.all().map((r) => JSON.parse(r.config) as EndpointConfig),
    put: (config: EndpointConfig) => void upsert.run(config.name, JSON.stringify(config), Date.now()),
    remove: (name: string) => remove.run(name).changes > 0,
    seen: (): string[] => seen.all().map((r) => r.name),
  };
}
