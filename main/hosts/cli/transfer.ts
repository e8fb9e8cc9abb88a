// `export` and `import`: the store as NDJSON and back (format: shared/export-format.ts).
import type { Command } from 'commander';
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { DATABASE_FILE } from '../../core/app.js';
import { openStore } from '../../core/store/index.js';
import { exportNdjson } from '../../core/transfer/export-ndjson.js';
import { importNdjson } from '../../core/transfer/import-ndjson.js';
import { defaultDataDir } from './data-dir.js';
import { idList } from './options.js';
import { storedIds } from './asked-ids.js';
import { finishOutputFile, openOutputFile } from './output-file.js';
import { readableImportError } from './import-errors.js';

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
      const store = openExisting(opts.data);
      const ids = opts.ids ? storedIds(store, opts.ids, opts.data) : opts.endpoint ? store.selection.idsMatching({ endpoint: opts.endpoint }, Number.MAX_SAFE_INTEGER) : undefined;
      // Standard output's EPIPE (`export | head`) is handled once for every command: closed-pipe.ts.
      const file = opts.out ? openOutputFile(opts.out) : null;
      const out = file ?? process.stdout;
      try {
        for (const line of exportNdjson(store, ids)) if (!out.write(line)) await once(out, 'drain');
      } finally {
        store.close();
      }
      if (file) await finishOutputFile(file);
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
        for (const e of report.errors) process.stderr.write(`line ${e.line}: ${readableImportError(e.message)}\n`);
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
