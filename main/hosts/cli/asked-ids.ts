// `--ids` naming deliveries that are not stored: an output shorter than asked for must not pass for
// the whole answer. Those found are still written; what is missing is named, and the exit code is 1
// (as `cat found missing` writes one file and fails).
import type { ApiClient } from '../../../shared/api.js';

/** Ids one missingDeliveries call takes at most (its schema's bound). */
const IDS_PER_CALL = 10_000;

/** The asked ids that are not stored, in the order asked. */
export async function missingIds(client: ApiClient, asked: readonly number[]): Promise<number[]> {
  const missing: number[] = [];
  for (let i = 0; i < asked.length; i += IDS_PER_CALL)
    missing.push(...(await client.missingDeliveries({ ids: asked.slice(i, i + IDS_PER_CALL) })).missing);
  return missing;
}

/** Says on stderr which asked ids are not stored (exit code 1); the export skips them. */
export async function reportMissing(client: ApiClient, asked: readonly number[], dataDir: string): Promise<void> {
  const missing = await missingIds(client, asked);
  if (missing.length) {
    process.stderr.write(`no delivery ${missing.join(', ')} in ${dataDir}\n`);
    process.exitCode = 1;
  }
}
