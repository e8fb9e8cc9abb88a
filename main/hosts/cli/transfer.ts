// `export` and `import`: the store as NDJSON and back (format: shared/export-format.ts), through the
// core of the data directory (with-core.ts): beside a running serve over its API, else a core of the
// command's own. Both page: export writes each page as it comes, import sends bounded batches.
import type { Command } from 'commander';
import { createReadStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { exportPages } from '../../../shared/export-paging.js';
import { defaultDataDir } from './data-dir.js';
import { idList } from './options.js';
import { reportMissing } from './asked-ids.js';
import { finishOutputFile, openOutputFile } from './output-file.js';
import { importErrorRuns } from './import-errors.js';
import { importLines } from './import-batches.js';
import { withCore } from './with-core.js';

export function registerTransfer(program: Command): void {
  program
    .command('export')
    .description('write every delivery as NDJSON, oldest first (works while serve runs)')
    .option('--data <dir>', 'data directory', defaultDataDir())
    .option('--out <file>', 'output file (default: standard output)')
    .option('--ids <ids>', 'only these deliveries (comma separated)', idList)
    .option('--endpoint <name>', "only this endpoint's deliveries")
    .addHelpText(
      'after',
      `
Each line: id, receivedAt, endpoint, method, path, query, headers, remoteAddress, bodyBase64, sha256,
size, truncated, kind, shape, problems, sign, response, retryOf, attempt, taskId, callCount.
--out makes missing folders. --ids that are not stored are named on stderr ("no delivery 99 in …");
the others are still written, and the exit code is 1.
`,
    )
    .action(async (opts: { data: string; out?: string; ids?: number[]; endpoint?: string }) => {
      await withCore(opts.data, { mustExist: true }, async (client) => {
        if (opts.ids) await reportMissing(client, opts.ids, opts.data);
        // Standard output's EPIPE (`export | head`) is handled once for every command: closed-pipe.ts.
        const file = opts.out ? openOutputFile(opts.out) : null;
        const out = file ?? process.stdout;
        const selection = opts.ids ? { ids: opts.ids } : { filter: opts.endpoint ? { endpoint: opts.endpoint } : {} };
        for await (const page of exportPages(client.exportNdjsonPage, selection))
          if (page.ndjson && !out.write(page.ndjson)) await once(out, 'drain');
        if (file) await finishOutputFile(file);
      });
    });

  program
    .command('import')
    .description('read export NDJSON into the store (the same capture twice is skipped; works while serve runs)')
    .argument('<file>', 'NDJSON file, or - for standard input')
    .option('--data <dir>', 'data directory', defaultDataDir())
    .action(async (file: string, opts: { data: string }) => {
      if (file !== '-' && !existsSync(file)) {
        process.stderr.write(`error: no such file: ${file}\n`);
        process.exit(1);
      }
      await withCore(opts.data, { mustExist: false }, async (client) => {
        const input = file === '-' ? process.stdin : createReadStream(file);
        const complaints = importErrorRuns((text) => process.stderr.write(text));
        const report = await importLines(client, createInterface({ input, crlfDelay: Infinity }), ({ errors }) => {
          for (const e of errors) complaints.add(e.line, e.message);
        });
        complaints.end();
        process.stderr.write(`imported ${report.imported}, skipped ${report.skipped} already present, ${report.errors} errors\n`);
        if (report.errors) process.exitCode = 1;
      });
    });
}
