// The `callback-inspector` command line.
import { Command } from 'commander';
import { version } from '../../core/version.js';
import { registerServe } from './serve.js';
import { registerTransfer } from './transfer.js';
import { registerSend } from './send.js';
import { registerSendBulk } from './send-bulk.js';
import { registerReplayChain } from './replay-chain.js';
import { registerGenerate } from './generate.js';
import { registerCurl } from './curl.js';
import { registerExportHar } from './export-har.js';
import { registerWait } from './wait.js';
import { registerDiff } from './diff.js';
import { registerFixtures } from './fixtures.js';
import { endQuietlyWhenReaderLeaves } from './closed-pipe.js';
import { troubleLine } from './trouble.js';

endQuietlyWhenReaderLeaves();

const program = new Command('callback-inspector')
  .description('Receive, inspect, replay and re-send call-end status callbacks')
  .version(version);

registerServe(program);
registerTransfer(program);
registerSend(program);
registerSendBulk(program);
registerReplayChain(program);
registerGenerate(program);
registerCurl(program);
registerExportHar(program);
registerWait(program);
registerDiff(program);
registerFixtures(program);

// A usage mistake gets its message and where to read more, not the whole help (which buries it).
const pointToHelp = (cmd: Command, path: string[]) => {
  cmd.showHelpAfterError(`see: callback-inspector ${[...path, '--help'].join(' ')}`);
  for (const sub of cmd.commands) pointToHelp(sub, [...path, sub.name()]);
};
pointToHelp(program, []);

/** Exit status when the data directory or the store is in trouble: diff(1)'s 2, else 1. */
const TROUBLE_EXIT: Record<string, number> = { diff: 2 };
let running: { name: string; dataDir: string | undefined } = { name: '', dataDir: undefined };
program.hook('preAction', (_, action) => {
  running = { name: action.name(), dataDir: (action.opts() as { data?: string }).data };
});
try {
  await program.parseAsync(process.argv);
} catch (error) {
  const line = troubleLine(error, running.dataDir);
  if (line === null) throw error;
  process.stderr.write(`error: ${line}\n`);
  process.exit(TROUBLE_EXIT[running.name] ?? 1);
}
