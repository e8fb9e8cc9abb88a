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

endQuietlyWhenReaderLeaves();

const program = new Command('callback-inspector')
  .description('Receive, inspect, replay and re-send call-end status callbacks')
  .version(version)
  .showHelpAfterError();

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

await program.parseAsync(process.argv);
