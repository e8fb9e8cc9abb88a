// `curl`: prints the curl command that repeats a delivery (on the public URL or the running receiver,
// or to another URL) or a stored attempt. A body that cannot be an argument (large, not UTF-8, control
// bytes) is written to a file in the current directory (named in the command).
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { ApiInputError, targetUrl } from '../../../shared/api.js';
import { fail, openSession, validInput } from './session.js';
import { defaultDataDir } from './data-dir.js';
import { positiveInt } from './options.js';

export function registerCurl(program: Command): void {
  program
    .command('curl')
    .description('print a curl command that repeats a delivery or a re-send attempt (shell-safe)')
    .argument('[delivery]', 'delivery id', positiveInt)
    .option('--attempt <id>', 'a re-send attempt instead (see the attempt log)', positiveInt)
    .option(
      '--to <url>',
      'for a delivery: send it here (default: its path on the public URL in settings, else on the receiver of the serve running on --data)',
    )
    .option('--data <dir>', 'data directory', defaultDataDir())
    .action(async (delivery: number | undefined, flags: { attempt?: number; to?: string; data: string }) => {
      if ((delivery === undefined) === (flags.attempt === undefined)) fail('give a delivery id or --attempt <id> (one of them)');
      if (flags.to !== undefined && !targetUrl.safeParse(flags.to).success)
        fail(`not an absolute http:// or https:// URL: ${JSON.stringify(flags.to)} (--to <url>)`);
      const input = validInput(
        'copyAsCurl',
        flags.attempt !== undefined
          ? { sendId: flags.attempt }
          : { deliveryId: delivery!, ...(flags.to !== undefined ? { to: flags.to } : {}) },
      );
      const session = await openSession(flags.data, { mustExist: true });
      try {
        const command = await session.client.copyAsCurl(input).catch((error: unknown) => {
          if (error instanceof ApiInputError)
            fail(error.issues.map((i) => `${i.message}${i.path === 'to' ? ' (--to <url>)' : ''}`).join('; '));
          throw error;
        });
        if (!command) fail(flags.attempt !== undefined ? `there is no attempt #${flags.attempt}` : `there is no delivery #${delivery}`);
        if (command.bodyFile) {
          writeFileSync(command.bodyFile.name, Buffer.from(command.bodyFile.base64, 'base64'));
          process.stderr.write(
            `the body cannot go in a command line (over 64 KB, not UTF-8, or control characters): wrote it to ${command.bodyFile.name}, which the command reads\n`,
          );
        }
        process.stdout.write(`${command.command}\n`);
      } finally {
        await session.close();
      }
    });
}
