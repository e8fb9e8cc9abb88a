// `send`: one stored delivery (by id) or a file, to any URL, kept as is or re-signed, optionally
// with the vendor's retry policy. Prints each attempt; exits 1 unless the last answer was HTTP 200.
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { VENDOR_HEADERS } from '../../core/resend/request.js';
import { scaledInterval } from '../../core/resend/retry-policy.js';
import {
  addHeaderOption,
  addRetryOptions,
  addSignOptions,
  addTargetOptions,
  commonInput,
  withHeaders,
  type SendFlags,
} from './send-options.js';
import { fail, follow, openSession, startJob, validInput } from './session.js';
import { readerLeavingAbandonsWork } from './closed-pipe.js';

interface Flags extends SendFlags {
  header?: Array<[string, string]>;
  method?: string;
}

export function registerSend(program: Command): void {
  const cmd = program
    .command('send')
    .description('send a stored delivery or a file to a URL, as stored or re-signed, optionally retrying like the vendor')
    .argument('<delivery>', 'a delivery id (see the inbox or `export`) or a file holding the body');
  addTargetOptions(cmd);
  addSignOptions(cmd);
  addRetryOptions(cmd);
  addHeaderOption(cmd)
    .option('--method <method>', "HTTP method (default: the delivery's, POST for a file)")
    .addHelpText(
      'after',
      `
Headers: a delivery goes with its Content-Type, Content-Encoding, User-Agent and signature headers;
a file with Content-Type: application/json and User-Agent: Airudder. -H adds or replaces one.
Redirects are not followed (the vendor's client is assumed not to): a 3xx is the answer.
The vendor policy counts only HTTP 200 as delivered; it retries ${'every 60 s, 5 times'} by default.

Examples:
  callback-inspector send 12 --to http://127.0.0.1:3000/callback --data ./data
  callback-inspector send 12 --to https://dev.example.com/hook --key s3cret --retry-policy --time-scale 60
  callback-inspector send body.json --to http://127.0.0.1:3000/callback -H 'X-Trace: qa-1'
`,
    )
    .action((source: string, flags: Flags) => {
      readerLeavingAbandonsWork();
      return send(source, flags);
    });
}

async function send(source: string, flags: Flags): Promise<void> {
  const isId = /^\d+$/.test(source) && !existsSync(source);
  if (!isId && !existsSync(source)) fail(`no such file: ${source} (give a delivery id or a file)`);
  const session = await openSession(flags.data, { mustExist: isId });
  try {
    const deliveryId = isId ? Number(source) : undefined;
    const draft = deliveryId !== undefined ? await session.client.resendDraft({ deliveryId }) : null;
    if (deliveryId !== undefined && !draft) fail(`there is no delivery #${deliveryId} in ${flags.data}`);
    const base = draft?.headers ?? VENDOR_HEADERS.map(([n, v]) => [n, v] as [string, string]);
    const input = validInput('resend', {
      ...(deliveryId !== undefined ? { deliveryId } : { body: { base64: readFileSync(source).toString('base64') } }),
      ...(flags.header ? { headers: withHeaders(base, flags.header) } : {}),
      ...(flags.method ? { method: flags.method.toUpperCase() } : {}),
      ...commonInput(flags),
    });
    const job = await startJob(() => session.client.resend(input));
    process.stdout.write(`sending ${job.label}\n`);
    const retry = input.retry;
    const done = await follow(session, job, {
      lines: true,
      onAttempt: (a) => {
        if (!a.ok && retry && a.attempt <= retry.maxRetries && a.errorClass !== 'cancelled') {
          const left = retry.maxRetries - a.attempt + 1;
          process.stdout.write(
            `  next attempt in ${formatMs(scaledInterval(retry))} (vendor policy: ${left} ${left === 1 ? 'retry' : 'retries'} left)\n`,
          );
        }
      },
    });
    if (done.succeeded === 1) process.stdout.write(`delivered on attempt ${done.attempts} · job #${done.id}\n`);
    else {
      process.stdout.write(
        `not delivered after ${done.attempts} attempt${done.attempts === 1 ? '' : 's'}${done.state === 'cancelled' ? ' (cancelled)' : ''} · job #${done.id}\n`,
      );
      process.exitCode ||= 1;
    }
  } finally {
    await session.close();
  }
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(2)} s` : `${+ms.toFixed(1)} ms`;
}
