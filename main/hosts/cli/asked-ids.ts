// `--ids` naming deliveries that are not stored: an output shorter than asked for must not pass for
// the whole answer. Those found are still written; what is missing is named, and the exit code is 1
// (as `cat found missing` writes one file and fails).
import type { Store } from '../../core/store/index.js';

/** The asked ids that are stored, in the order asked; says on stderr which are not. */
export function storedIds(store: Store, asked: readonly number[], dataDir: string): number[] {
  const found: number[] = [];
  const missing: number[] = [];
  for (const id of asked) (store.deliveries.row(id) ? found : missing).push(id);
  if (missing.length) {
    process.stderr.write(`no delivery ${missing.join(', ')} in ${dataDir}\n`);
    process.exitCode = 1;
  }
  return found;
}
