// `fixtures export | import | replay`: deliveries as a folder of test fixtures with their original
// timing (docs/FIXTURES.md), read back into a store, or replayed to a URL as a scenario. Export and
// import go through the core of the data directory (with-core.ts, fixture-folder.ts).
import type { Command } from 'commander';
import { join } from 'node:path';
import { ApiInputError } from '../../../shared/api.js';
import { readFixtureFolder, type FixtureFault } from '../../core/transfer/fixtures-read.js';
import { defaultDataDir } from './data-dir.js';
import { idList, speed } from './options.js';
import { formatMs } from './send.js';
import { addSignOptions, addTargetOptions, commonInput, type SendFlags } from './send-options.js';
import { fail, follow, openSession, startJob, summary, validInput } from './session.js';
import { readerLeavingAbandonsWork } from './closed-pipe.js';
import { withCore } from './with-core.js';
import { missingIds } from './asked-ids.js';
import { exportFixtureFolder, importFixtureFolder } from './fixture-folder.js';

/** --ids `fixtures export` takes at most: a page sorts them all into arrival order (exportFixturePage's bound). */
const MAX_IDS = 10_000;

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
      const read = readFixtureFolder(folder);
      await withCore(flags.data, { mustExist: false }, async (client) => {
        const report = await importFixtureFolder(client, read);
        printFaults(folder, report.errors);
        process.stderr.write(`imported ${report.imported}, skipped ${report.skipped} already present, ${report.errors.length} errors\n`);
        if (report.errors.length) process.exitCode = 1;
      });
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
  if (flags.ids && (flags.endpoint ?? flags.callee ?? flags.task) !== undefined)
    fail('give --ids, or --endpoint/--callee/--task (which combine), not both');
  if (flags.ids && flags.ids.length > MAX_IDS)
    fail(`at most ${MAX_IDS.toLocaleString('en')} --ids: select by --endpoint, --callee or --task instead`);
  await withCore(flags.data, { mustExist: true }, async (client) => {
    const filter = {
      ...(flags.endpoint ? { endpoint: flags.endpoint } : {}),
      ...(flags.callee ? { callee: flags.callee } : {}),
      ...(flags.task ? { taskId: flags.task } : {}),
    };
    if (flags.ids) {
      const missing = await missingIds(client, flags.ids);
      if (missing.length) throw new Error(`there is no delivery ${missing.map((id) => `#${id}`).join(', ')}`);
    } else if (Object.keys(filter).length && (await client.countDeliveries({ filter })).total === 0) {
      throw new Error('no delivery matches the selection');
    }
    const result = await exportFixtureFolder(client, flags.out, flags.ids ? { ids: flags.ids } : { filter });
    if (!result.ok) throw new Error(result.error);
    if (result.fixtures === 0) process.stderr.write('the store has no deliveries: wrote an empty scenario.json\n');
    else
      process.stderr.write(
        `wrote ${result.fixtures} fixture${result.fixtures === 1 ? '' : 's'} (${result.files} files with scenario.json) to ${flags.out}\n`,
      );
  });
}

async function replayAction(folder: string, flags: ReplayFlags): Promise<void> {
  const read = readFixtureFolder(folder);
  if (read.errors.length) {
    printFaults(folder, read.errors);
    fail('nothing sent: fix the fixtures above (or export them again)');
  }
  if (read.fixtures.length === 0) fail(`${folder}: the scenario lists no fixtures`);
  // Imported through the core (beside a running serve, through its API), then sent by it.
  const session = await openSession(flags.data, { mustExist: false });
  try {
    const report = await importFixtureFolder(session.client, read);
    const input = validInput('replayChain', { ids: report.deliveries.map((d) => d.id), speed: flags.speed, ...commonInput(flags) });
    const fileOf = new Map(report.deliveries.map((d) => [d.id, d.file]));
    // The engine names deliveries; the user knows the files.
    const job = await startJob(() =>
      session.client.replayChain(input).catch((error: unknown) => {
        if (!(error instanceof ApiInputError)) throw error;
        throw new ApiInputError(
          'replayChain',
          error.issues.map((i) => ({
            ...i,
            message: i.message.replace(/delivery #(\d+)/, (m, id: string) => `${fileOf.get(Number(id)) ?? m}`),
          })),
        );
      }),
    );
    process.stdout.write(
      `replaying ${folder}: ${report.deliveries.length} fixtures (${report.imported} added to the store, ${report.skipped} already there) → ${flags.to}\n`,
    );
    const plan = await session.client.jobPlan({ jobId: job.id });
    plan?.items.forEach(({ deliveryId, offsetMs }, i) =>
      process.stdout.write(`  #${i + 1} ${fileOf.get(deliveryId) ?? ''} (delivery ${deliveryId}) at +${formatMs(offsetMs)}\n`),
    );
    const done = await follow(session, job, { lines: true });
    process.stdout.write(`${summary(done)}\n`);
    if (done.failed > 0 || done.state !== 'done') process.exitCode ||= 1;
  } finally {
    await session.close();
  }
}

function printFaults(folder: string, errors: FixtureFault[]): void {
  for (const e of errors) process.stderr.write(`${e.file ? join(folder, e.file) : folder}: ${e.message}\n`);
}
