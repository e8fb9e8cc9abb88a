// `fixtures export | import | replay`: deliveries as a folder of test fixtures with their original
// timing (docs/FIXTURES.md), read back into a store, or replayed to a URL as a scenario.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiInputError } from '../../../shared/api.js';
import { DATABASE_FILE } from '../../core/app.js';
import { openStore, type Store } from '../../core/store/index.js';
import { importFixtures, type FixtureImportReport } from '../../core/transfer/fixtures-import.js';
import { exportFixtures } from '../../core/transfer/fixtures-export.js';
import { defaultDataDir } from './data-dir.js';
import { idList, speed } from './options.js';
import { formatMs } from './send.js';
import { addSignOptions, addTargetOptions, commonInput, type SendFlags } from './send-options.js';
import { fail, follow, openSession, startJob, summary, validInput } from './session.js';
import { readerLeavingAbandonsWork } from './closed-pipe.js';

interface ExportFlags {
  data: string;
  out: string;
  ids?: number[];
  endpoint?: string;
  callee?: string;
  task?: string;
}

interface ReplayFlags extends SendFlags {
  speed: number | 'max';
}

export function registerFixtures(program: Command): void {
  const fixtures = program
    .command('fixtures')
    .description('deliveries as a folder of test fixtures (one JSON file each, plus scenario.json with their timing); import or replay one')
    .addHelpText('after', '\nThe folder format: docs/FIXTURES.md.\n');

  fixtures
    .command('export')
    .description('write deliveries (all, or a selection) as a fixture folder, in arrival order')
    .requiredOption('--out <folder>', 'a new or empty folder to write')
    .option('--data <dir>', 'data directory', defaultDataDir())
    .option('--ids <ids>', 'only these deliveries (comma separated)', idList)
    .option('--endpoint <name>', "only this endpoint's deliveries")
    .option('--callee <number>', 'only deliveries that mention this callee (a redial chain)')
    .option('--task <TaskID>', "only that task's deliveries")
    .addHelpText(
      'after',
      `
--endpoint, --callee and --task combine; without any of them (or --ids) every delivery is written.
Writes 0001-<TaskID or endpoint>-<id>.json per delivery (method, path, query, headers, receivedAt,
body as JSON, text, or the exact bytes in a .body file beside it) and scenario.json (the fixtures in
arrival order, each with offsetMs from the first).

Example:
  callback-inspector fixtures export --callee +6212345678 --out ./fixtures/redials --data ./data
`,
    )
    .action((flags: ExportFlags) => exportAction(flags));

  fixtures
    .command('import')
    .description('read a fixture folder into the store (byte-identical bodies; the same capture twice is skipped)')
    .argument('<folder>', 'a folder written by fixtures export (or by hand, see docs/FIXTURES.md)')
    .option('--data <dir>', 'data directory', defaultDataDir())
    .action(async (folder: string, flags: { data: string }) => {
      const report = withStore(flags.data, (store) => importFixtures(store, folder));
      printFaults(folder, report);
      process.stderr.write(`imported ${report.imported}, skipped ${report.skipped} already present, ${report.errors.length} errors\n`);
      if (report.errors.length) process.exitCode = 1;
    });

  const replay = fixtures
    .command('replay')
    .description('send a fixture folder to a URL in its original order with its original spacing, scaled')
    .argument('<folder>', 'a fixture folder (scenario.json and its fixtures)')
    .option('--speed <x>', 'divide the original gaps by x (1, 10, 60, …) or max for no waiting', speed, 1);
  addTargetOptions(replay);
  addSignOptions(replay)
    .addHelpText(
      'after',
      `
The fixtures are first imported into the store in --data (skipped when already there), so each
attempt is recorded against its delivery like any other send. Each one goes out its original gap
(divided by --speed) after the previous one started, and never before the previous one got its
answer. Bodies are sent as captured unless --key/--scheme re-sign them. Nothing is sent when a
fixture cannot be read.

Example:
  callback-inspector fixtures replay ./fixtures/redials --to http://127.0.0.1:3000/callback --speed 60
`,
    )
    .action((folder: string, flags: ReplayFlags) => {
      readerLeavingAbandonsWork();
      return replayAction(folder, flags);
    });
}

async function exportAction(flags: ExportFlags): Promise<void> {
  if (flags.ids && (flags.endpoint ?? flags.callee ?? flags.task) !== undefined) fail('give --ids, or --endpoint/--callee/--task (which combine), not both');
  if (!existsSync(join(flags.data, DATABASE_FILE))) fail(`no store in ${flags.data} (expected ${DATABASE_FILE}); pass --data <dir> (the one serve uses)`);
  withStore(flags.data, (store) => {
    const filter = { ...(flags.endpoint ? { endpoint: flags.endpoint } : {}), ...(flags.callee ? { callee: flags.callee } : {}), ...(flags.task ? { taskId: flags.task } : {}) };
    const ids = flags.ids ?? (Object.keys(filter).length ? store.selection.idsMatching(filter, Number.MAX_SAFE_INTEGER) : undefined);
    const missing = flags.ids?.filter((id) => !store.deliveries.row(id));
    if (missing?.length) fail(`there is no delivery ${missing.map((id) => `#${id}`).join(', ')}`);
    if (ids?.length === 0) fail('no delivery matches the selection');
    const result = exportFixtures(store, flags.out, ids);
    if (!result.ok) fail(result.error);
    if (result.fixtures === 0) process.stderr.write('the store has no deliveries: wrote an empty scenario.json\n');
    else process.stderr.write(`wrote ${result.fixtures} fixture${result.fixtures === 1 ? '' : 's'} (${result.files} files with scenario.json) to ${flags.out}\n`);
  });
}

async function replayAction(folder: string, flags: ReplayFlags): Promise<void> {
  const report = withStore(flags.data, (store) => importFixtures(store, folder));
  if (report.errors.length) {
    printFaults(folder, report);
    fail('nothing sent: fix the fixtures above (or export them again)');
  }
  if (report.deliveries.length === 0) fail(`${folder}: the scenario lists no fixtures`);
  const session = await openSession(flags.data, { mustExist: true });
  try {
    const input = validInput('replayChain', { ids: report.deliveries.map((d) => d.id), speed: flags.speed, ...commonInput(flags) });
    const fileOf = new Map(report.deliveries.map((d) => [d.id, d.file]));
    // The engine names deliveries; the user knows the files.
    const job = await startJob(() =>
      session.client.replayChain(input).catch((error: unknown) => {
        if (!(error instanceof ApiInputError)) throw error;
        throw new ApiInputError('replayChain', error.issues.map((i) => ({ ...i, message: i.message.replace(/delivery #(\d+)/, (m, id: string) => `${fileOf.get(Number(id)) ?? m}`) })));
      }),
    );
    process.stdout.write(`replaying ${folder}: ${report.deliveries.length} fixtures (${report.imported} added to the store, ${report.skipped} already there) → ${flags.to}\n`);
    const plan = await session.client.jobPlan({ jobId: job.id });
    plan?.items.forEach(({ deliveryId, offsetMs }, i) => process.stdout.write(`  #${i + 1} ${fileOf.get(deliveryId) ?? ''} (delivery ${deliveryId}) at +${formatMs(offsetMs)}\n`));
    const done = await follow(session, job, { lines: true });
    process.stdout.write(`${summary(done)}\n`);
    if (done.failed > 0 || done.state !== 'done') process.exitCode ||= 1;
  } finally {
    await session.close();
  }
}

function printFaults(folder: string, report: FixtureImportReport): void {
  for (const e of report.errors) process.stderr.write(`${e.file ? join(folder, e.file) : folder}: ${e.message}\n`);
}

/** Until fixtures go through the core's API: the store of `dataDir`, for the length of `use`. */
function withStore<T>(dataDir: string, use: (store: Store) => T): T {
  const store = openStore(join(dataDir, DATABASE_FILE));
  try {
    return use(store);
  } finally {
    store.close();
  }
}
