// `replay-chain`: a callee's deliveries (or chosen ids) sent again in their original order with their
// original gaps divided by --speed, so an endpoint sees the production sequence. Exits 1 if any failed.
import { Option, type Command } from 'commander';
import { addSignOptions, addTargetOptions, commonInput, type SendFlags } from './send-options.js';
import { fail, follow, openSession, startJob, summary, validInput } from './session.js';
import { idList, speed } from './options.js';
import { formatMs } from './send.js';
import { readerLeavingAbandonsWork } from './closed-pipe.js';

interface Flags extends SendFlags {
  callee?: string;
  task?: string;
  ids?: number[];
  speed: number | 'max';
  spacing: 'arrival' | 'call-time';
}

export function registerReplayChain(program: Command): void {
  const cmd = program
    .command('replay-chain')
    .description("re-deliver a callee's redial chain (or chosen deliveries) in original order with original spacing, scaled")
    .option('--callee <number>', 'callee number, e.g. +6212345678: every stored delivery that mentions it')
    .option('--task <TaskID>', "only that task's deliveries")
    .option('--ids <ids>', 'these deliveries instead (comma separated), in arrival order', idList)
    .option('--speed <x>', 'divide the original gaps by x (1, 10, 60, …) or max for no waiting', speed, 1)
    .addOption(
      new Option(
        '--spacing <by>',
        "the gaps and order to keep: arrival (at the receiver) or call-time (the first call's CallStartTime, for generated or imported chains)",
      )
        .choices(['arrival', 'call-time'])
        .default('arrival'),
    );
  addTargetOptions(cmd);
  addSignOptions(cmd)
    .addHelpText(
      'after',
      `
Each delivery goes out its original gap (divided by --speed) after the previous one started, and
never before the previous one got its answer. --spacing call-time orders and spaces them by their
first call's CallStartTime instead of their arrival (a generated or imported chain arrived at once).
Deliveries are sent as stored unless --key/--scheme.

Example:
  callback-inspector replay-chain --callee +6212345678 --to http://127.0.0.1:3000/callback --speed 60 --data ./data
`,
    )
    .action((flags: Flags) => {
      readerLeavingAbandonsWork();
      return replay(flags);
    });
}

async function replay(flags: Flags): Promise<void> {
  if ((flags.callee === undefined) === (flags.ids === undefined)) fail('give --callee <number> or --ids <ids> (one of them)');
  const session = await openSession(flags.data, { mustExist: true });
  try {
    const input = validInput('replayChain', {
      ...(flags.callee ? { callee: flags.callee } : { ids: flags.ids! }),
      ...(flags.task ? { taskId: flags.task } : {}),
      speed: flags.speed,
      spacing: flags.spacing,
      ...commonInput(flags),
    });
    const job = await startJob(() => session.client.replayChain(input));
    process.stdout.write(`replaying ${job.label}\n`);
    const plan = await session.client.jobPlan({ jobId: job.id });
    plan?.items.forEach(({ deliveryId, offsetMs }, i) =>
      process.stdout.write(`  #${i + 1} delivery ${deliveryId} at +${formatMs(offsetMs)}\n`),
    );
    const done = await follow(session, job, { lines: true });
    process.stdout.write(`${summary(done)}\n`);
    if (done.failed > 0 || done.state !== 'done') process.exitCode ||= 1;
  } finally {
    await session.close();
  }
}
