// `export` and `import`: the store as NDJSON and back (format: shared/export-format.ts).
import type { Command } from 'commander';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { DATABASE_FILE } from '../../core/app.js';
import { openStore } from '../../core/store/index.js';
import { exportNdjson } from '../../core/transfer/export-ndjson.js';
import { importNdjson } from '../../core/transfer/import-ndjson.js';
import { defaultDataDir } from './data-dir.js';
import { idList } from './options.js';

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
      '\nEach line: id, receivedAt, endpoint, method, path, query, headers, remoteAddress, bodyBase64, sha256,\nsize, truncated, kind, shape, problems, sign, response, retryOf, attempt, taskId, callCount.\n',
    )
    .action(async (opts: { data: string; out?: string; ids?: number[]; endpoint?: string }) => {
      const store = openExisting(opts.data);
      const ids = opts.ids ?? (opts.endpoint ? store.selection.idsMatching({ endpoint: opts.endpoint }, Number.MAX_SAFE_INTEGER) : undefined);
      const out = opts.out ? createWriteStream(opts.out) : process.stdout;
      // `export | head`: the reader leaving early is the end of the job, not an error.
      let readerGone = false;
      out.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') throw error;
        readerGone = true;
      });
      try {
        for (const line of exportNdjson(store, ids)) {
          if (readerGone) break;
          // `once` rejects when the stream errors instead of draining; the error handler above decides.
          if (!out.write(line)) await once(out, 'drain').catch(() => undefined);
        }
      } finally {
        store.close();
      }
      if (opts.out) await new Promise<void>((resolve) => out.end(() => resolve()));
    });

  program
    .command('import')
    .description('read export NDJSON into the store (the same capture twice is skipped)')
    .argument('<file>', 'NDJSON file, or - for standard input')
    .option('--data <dir>', 'data directory', defaultDataDir())
    .action(async (file: string, opts: { data: string }) => {
      if (file !== '-' && !existsSync(file)) {
        process.stderr.write(`error: no such file: ${file}\n`);
        process.exit(1);
      }
      const store = openStore(join(opts.data, DATABASE_FILE));
      const input = file === '-' ? process.stdin : createReadStream(file);
      try {
        const report = await importNdjson(store, createInterface({ input, crlfDelay: Infinity }));
        for (const e of report.errors) process.stderr.write(`line ${e.line}: ${e.message}\n`);
        process.stderr.write(`imported ${report.imported}, skipped ${report.skipped} already present, ${report.errors.length} errors\n`);
        if (report.errors.length) process.exitCode = 1;
      } finally {
        store.close();
      }
    });
}

function openExisting(dataDir: string) {
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) {
    process.stderr.write(`error: no store in ${dataDir} (expected ${DATABASE_FILE}); pass --data <dir>\n`);
    process.exit(1);
  }
  return openStore(file);
}
