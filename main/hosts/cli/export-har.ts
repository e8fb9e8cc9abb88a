// `export-har`: selected deliveries as HAR 1.2, for browser dev tools and HTTP tools (`export` is the
// lossless NDJSON; HAR is for looking at requests elsewhere). Through the core of the data directory
// (with-core.ts), page by page into one HAR document written as it comes (shared/har-text.ts).
import type { Command } from 'commander';
import { once } from 'node:events';
import { exportPages } from '../../../shared/export-paging.js';
import { harText, type HarText } from '../../../shared/har-text.js';
import { defaultDataDir } from './data-dir.js';
import { idList, positiveInt } from './options.js';
import { reportMissing } from './asked-ids.js';
import { finishOutputFile, openOutputFile } from './output-file.js';
import { withCore } from './with-core.js';

export function registerExportHar(program: Command): void {
  program
    .command('export-har')
    .description('write deliveries as HAR 1.2 (the request as it arrived, the answer given), oldest first (works while serve runs)')
    .option('--data <dir>', 'data directory', defaultDataDir())
    .option('--ids <ids>', 'only these deliveries (comma separated)', idList)
    .option('--endpoint <name>', "only this endpoint's deliveries")
    .option('--limit <n>', 'at most this many deliveries, the oldest (default: all)', positiveInt)
    .option('--out <file>', 'output file (default: standard output; missing folders are made)')
    .addHelpText(
      'after',
      `
Every selected delivery is written (one HAR document, written as it goes), unless --limit says fewer.
--ids that are not stored are named on stderr; the others are still written, and the exit code is 1.
URLs are each delivery's path on the public URL in settings, else on the receiver of the serve running
on --data (never the Host or X-Forwarded-Host it arrived with, which its sender wrote).
`,
    )
    .action(async (opts: { data: string; ids?: number[]; endpoint?: string; limit?: number; out?: string }) => {
      await withCore(opts.data, { mustExist: true }, async (client) => {
        if (opts.ids) await reportMissing(client, opts.ids, opts.data);
        const file = opts.out ? openOutputFile(opts.out) : null;
        const out = file ?? process.stdout;
        const write = async (text: string) => {
          if (!out.write(text)) await once(out, 'drain');
        };
        const selection = opts.ids
          ? { ids: opts.ids }
          : { filter: opts.endpoint ? { endpoint: opts.endpoint } : {}, ...(opts.limit ? { limit: opts.limit } : {}) };
        let har: HarText | null = null;
        for await (const page of exportPages(client.exportHarPage, selection)) {
          if (!har) {
            har = harText(page.creator);
            await write(har.head);
          }
          for (const entry of page.entries) await write(har.entry(entry));
        }
        if (har) await write(`${har.end()}\n`);
        if (file) await finishOutputFile(file);
      });
    });
}
