// `send-bulk`: many stored deliveries (ids or the inbox's filters) to one URL with bounded
// concurrency and a progress bar; `--failed-of <job>` sends again what failed in an earlier job.
import type { Command } from 'commander';
import type { DeliveryFilter } from '../../../shared/api.js';
import { addRetryOptions, addSignOptions, addTargetOptions, commonInput, retryOf, type SendFlags } from './send-options.js';
import { fail, follow, openSession, startJob, summary, validInput } from './session.js';
import { idList, positiveInt } from './options.js';
import { readerLeavingAbandonsWork } from './closed-pipe.js';

interface Flags extends Omit<SendFlags, 'to'> {
  to?: string;
  ids?: number[];
  endpoint?: string;
  kind?: DeliveryFilter['kind'];
  callee?: string;
  task?: string;
  text?: string;
  since?: string;
  until?: string;
  limit: number;
  concurrency: number;
  failedOf?: number;
}

export function registerSendBulk(program: Command): void {
  const cmd = program
    .command('send-bulk')
    .description('send many stored deliveries to a URL with bounded concurrency, or again the failed ones of a job')
    .option('--to <url>', "where to send (with --failed-of: default each item's original target)")
    .option('--ids <ids>', 'these deliveries (comma separated)', idList)
    .option('--endpoint <name>', 'filter: deliveries of this endpoint')
    .option('--kind <kind>', 'filter: call-end, json or not-json')
    .option('--callee <number>', 'filter: deliveries mentioning this callee')
    .option('--task <TaskID>', 'filter: deliveries of this task')
    .option('--text <words>', 'filter: full-text search')
    .option('--since <time>', 'filter: received at or after (ISO time)')
    .option('--until <time>', 'filter: received before (ISO time)')
    .option('--limit <n>', 'at most this many deliveries (oldest first)', positiveInt, 10_000)
    .option('--concurrency <n>', 'requests in flight at once', positiveInt, 8)
    .option('--failed-of <job>', 'send again the items whose last attempt failed in this job', positiveInt);
  addTargetOptions(cmd, { to: false });
  addSignOptions(cmd);
  addRetryOptions(cmd)
    .addHelpText(
      'after',
      '\nExample:\n  callback-inspector send-bulk --endpoint acme --to http://127.0.0.1:3000/callback --concurrency 16 --data ./data\n  callback-inspector send-bulk --failed-of 12 --data ./data\n',
    )
    .action((flags: Flags) => {
      readerLeavingAbandonsWork();
      return sendBulk(flags);
    });
}

async function sendBulk(flags: Flags): Promise<void> {
  const session = await openSession(flags.data, { mustExist: true });
  try {
    let job;
    if (flags.failedOf !== undefined) {
      const retry = retryOf(flags as SendFlags);
      const input = validInput('resendFailed', {
        jobId: flags.failedOf,
        ...(flags.to ? { to: flags.to } : {}),
        concurrency: flags.concurrency,
        timeoutMs: flags.timeout,
        ...(retry ? { retry } : {}),
      });
      job = await startJob(() => session.client.resendFailed(input));
    } else {
      if (!flags.to) fail('--to <url> is required');
      const input = validInput('bulkResend', {
        ...(flags.ids ? { ids: flags.ids } : { filter: filterOf(flags) }),
        limit: flags.limit,
        concurrency: flags.concurrency,
        ...commonInput({ ...flags, to: flags.to }),
      });
      job = await startJob(() => session.client.bulkResend(input));
    }
    process.stderr.write(`sending ${job.label}\n`);
    const done = await follow(session, job, { lines: false });
    process.stdout.write(`${summary(done)}\n`);
    for (const note of done.notes) process.stderr.write(`  ${note}\n`);
    if (done.failed > 0)
      process.stderr.write(`send them again: callback-inspector send-bulk --failed-of ${done.id} --data ${flags.data}\n`);
    if (done.failed > 0 || done.state !== 'done') process.exitCode ||= 1;
  } finally {
    await session.close();
  }
}

function filterOf(f: Flags): DeliveryFilter {
  const time = (v: string | undefined, flag: string) => {
    if (v === undefined) return undefined;
    const t = Date.parse(v);
    return Number.isNaN(t) ? fail(`${flag}: not a time: ${v} (e.g. 2024-05-22T10:00:00Z)`) : t;
  };
  const from = time(f.since, '--since');
  const to = time(f.until, '--until');
  return {
    ...(f.endpoint ? { endpoint: f.endpoint } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.callee ? { callee: f.callee } : {}),
    ...(f.task ? { taskId: f.task } : {}),
    ...(f.text ? { text: f.text } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
  };
}
