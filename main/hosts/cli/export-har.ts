// `export-har`: selected deliveries as HAR 1.2, for browser dev tools and HTTP tools (`export` is the
// lossless NDJSON; HAR is for looking at requests elsewhere).
import type { Command } from 'commander';
import { exportHar } from '../../core/transfer/export-har.js';
import { defaultDataDir } from './data-dir.js';
import { idList, positiveInt } from './options.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../core/app.js';
import { openStore } from '../../core/store/index.js';
import { fail } from './session.js';
import { storedIds } from './asked-ids.js';
import { writeOutputFile } from './output-file.js';
import { cliDefaultBase } from './default-base.js';

export function registerExportHar(program: Command): void {
  program
    .command('export-har')
    .description('write deliveries as HAR 1.2 (the request as it arrived, the answer given), oldest first')
    .option('--data <dir>', 'data directory', defaultDataDir())
    .option('--ids <ids>', 'only these deliveries (comma separated)', idList)
    .option('--endpoint <name>', 'only this endpoint\'s deliveries')
    .option('--limit <n>', 'at most this many deliveries', positiveInt, 1000)
    .option('--out <file>', 'output file (default: standard output; missing folders are made)')
    .addHelpText('after', '\n--ids that are not stored are named on stderr; the others are still written, and the exit code is 1.\nURLs are each delivery\'s path on the public URL in settings, else on the receiver of the serve running on --data\n(never the Host or X-Forwarded-Host it arrived with, which its sender wrote).\n')
    .action(async (opts: { data: string; ids?: number[]; endpoint?: string; limit: number; out?: string }) => {
      const file = join(opts.data, DATABASE_FILE);
      if (!existsSync(file)) fail(`no store in ${opts.data} (expected ${DATABASE_FILE}); pass --data <dir> (the one serve uses)`);
      // Until export-har goes through the core's API, as the sending commands do.
      const store = openStore(file);
      try {
        const ids = opts.ids ? storedIds(store, opts.ids, opts.data) : store.selection.idsMatching(opts.endpoint ? { endpoint: opts.endpoint } : {}, opts.limit);
        const text = `${JSON.stringify(exportHar(store, ids, cliDefaultBase(opts.data, store)), null, 2)}\n`;
        if (opts.out) writeOutputFile(opts.out, text);
        else process.stdout.write(text);
      } finally {
        store.close();
      }
    });
}
