// The `callback-inspector` command line.
import { Command } from 'commander';
import { version } from '../../core/version.js';
import { registerServe } from './serve.js';
import { registerTransfer } from './transfer.js';

const program = new Command('callback-inspector')
  .description('Receive, inspect, replay and re-send call-end status callbacks')
  .version(version)
  .showHelpAfterError();

registerServe(program);
registerTransfer(program);

await program.parseAsync(process.argv);
