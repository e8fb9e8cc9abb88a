// `generate`: realistic call-end notifications (valid against the contract, seeded, signed), written
// as NDJSON (--out) or sent to a receiver under test (--to) with bounded concurrency and a progress bar.
import { Option, type Command } from 'commander';
import { once } from 'node:events';
import { generateCallbacks } from '../../core/generate/call-end.js';
import { addRetryOptions, addTargetOptions, retryOf, type SendFlags } from './send-options.js';
import { fail, follow, openSession, startJob, summary, validInput } from './session.js';
import { positiveInt, scheme } from './options.js';
import { finishOutputFile, openOutputFile } from './output-file.js';
import { readerLeavingAbandonsWork } from './closed-pipe.js';

interface Flags extends Omit<SendFlags, 'to'> {
  to?: string;
  out?: string;
  calls: number;
  redials: number;
  seed: string;
  concurrency: number;
}

export function registerGenerate(program: Command): void {
  const cmd = program
    .command('generate')
    .description('make realistic, contract-valid call-end notifications (seeded) and send them to a URL or write them as NDJSON')
    .option('--calls <n>', 'notifications to make (one call each)', positiveInt, 10)
    .option('--redials <n>', 'calls per callee: the k-th lists the earlier ones in RedailCall', positiveInt, 1)
    .option('--seed <seed>', 'same seed, same bytes', '1')
    .option('--key <KEY>', 'sign with this KEY (default: the vendor default KEY)')
    .addOption(
      new Option(
        '--scheme <scheme>',
        'how to sign: md5 (the Sign field), hmac (an X-Signature header), standard-webhooks (webhook-* headers) or none',
      )
        .choices(['md5', 'hmac', 'standard-webhooks', 'none'])
        // After choices(): the list is what --help shows, and the older spellings (md5-template,
        // hmac-sha256, sw) that scripts may use are still accepted.
        .argParser(scheme)
        .default('md5-template', 'md5'),
    )
    .option('--to <url>', 'send them here')
    .option('--out <file>', 'write them as NDJSON, one body per line (- for standard output; missing folders are made)')
    .option('--concurrency <n>', 'requests in flight at once when sending', positiveInt, 8);
  addTargetOptions(cmd, { to: false });
  addRetryOptions(cmd)
    .addHelpText(
      'after',
      `
Calls start 2024-05-22 02:00 UTC; redials of a callee are 20-120 min apart; RedailCall times are
written without a zone in UTC+8, as in the vendor's example. hmac and standard-webhooks sign in
headers, which only --to sends (--out writes bodies).

Examples:
  callback-inspector generate --calls 1000 --redials 3 --to http://127.0.0.1:3000/callback --key s3cret
  callback-inspector generate --calls 5 --seed qa --out - | head -1
`,
    )
    .action((flags: Flags) => generate(flags));
}

async function generate(flags: Flags): Promise<void> {
  if (!flags.to === !flags.out) fail('give --to <url> to send, or --out <file|-> to write (one of them)');
  const options = {
    calls: flags.calls,
    redials: flags.redials,
    seed: flags.seed,
    ...(flags.key ? { key: flags.key } : {}),
    scheme: { type: flags.scheme ?? 'md5-template' },
  };
  if (flags.out) {
    const file = flags.out === '-' ? null : openOutputFile(flags.out);
    const out = file ?? process.stdout;
    for (const g of generateCallbacks(options)) if (!out.write(`${g.body}\n`)) await once(out, 'drain');
    if (file) await finishOutputFile(file);
    return;
  }
  const retry = retryOf(flags as SendFlags);
  readerLeavingAbandonsWork();
  const input = validInput('sendGenerated', {
    ...options,
    to: flags.to!,
    concurrency: flags.concurrency,
    timeoutMs: flags.timeout,
    ...(retry ? { retry } : {}),
  });
  const session = await openSession(flags.data, { mustExist: false });
  try {
    const job = await startJob(() => session.client.sendGenerated(input));
    process.stderr.write(`sending ${job.label}\n`);
    const done = await follow(session, job, { lines: false });
    process.stdout.write(`${summary(done)}\n`);
    if (done.failed > 0 || done.state !== 'done') process.exitCode ||= 1;
  } finally {
    await session.close();
  }
}
