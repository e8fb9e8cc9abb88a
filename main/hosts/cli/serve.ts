// `serve`: the core headless, with the API (and the UI) on loopback. Prints `receiver: <url>` and
// `ui: <url>` once both listen; those lines are a public interface for QA scripts.
import type { Command } from 'commander';
import { startCore, DEFAULT_BODY_LIMIT } from '../../core/app.js';
import { startHttpApi } from '../../core/api/http-api.js';
import { registerStaticUi } from '../../core/api/static-ui.js';
import { rendererDir } from './renderer-dir.js';
import { apiToken, defaultDataDir } from './data-dir.js';
import { bytes, port } from './options.js';

interface ServeOptions {
  port: number;
  uiPort: number;
  host: string;
  data: string;
  token?: string;
  bodyLimit: number;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the receiver and the API/UI headless')
    .option('--port <port>', 'receiver port (0: a free one)', port, 8787)
    .option('--ui-port <port>', 'API/UI port, always on 127.0.0.1 (0: a free one)', port, 8788)
    .option('--host <addr>', 'receiver bind address (0.0.0.0 to accept from the network)', '127.0.0.1')
    .option('--data <dir>', 'data directory', defaultDataDir())
    .option('--token <token>', 'API bearer token (default: generated, kept in the data dir)')
    .option('--body-limit <size>', 'largest body stored whole; larger ones get 413 and are kept truncated', bytes, DEFAULT_BODY_LIMIT)
    .addHelpText(
      'after',
      '\nPrints two lines once listening:\n  receiver: <url>   give this (or your tunnel to it) to the vendor\n  ui: <url>         open in a browser; it carries the token\n',
    )
    .action((opts: ServeOptions) => serve(opts));
}

async function serve(opts: ServeOptions): Promise<void> {
  const core = await startCore({
    dataDir: opts.data,
    receiverHost: opts.host,
    receiverPort: opts.port,
    bodyLimit: opts.bodyLimit,
  }).catch((error: NodeJS.ErrnoException) => fail(error, opts.port, 'receiver'));
  const token = apiToken(opts.data, opts.token);
  const api = await startHttpApi({
    service: core.service,
    events: core.events,
    token,
    port: opts.uiPort,
    register: (app) => registerStaticUi(app, rendererDir()),
  }).catch(
    async (error: NodeJS.ErrnoException) => {
      await core.close();
      return fail(error, opts.uiPort, 'ui');
    },
  );
  process.stdout.write(`receiver: ${core.receiver.url}\nui: ${api.url}#token=${encodeURIComponent(token)}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: finishing in-flight deliveries and closing the store\n`);
    await api.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function fail(error: NodeJS.ErrnoException, p: number, what: string): never {
  if (error.code === 'EADDRINUSE') {
    process.stderr.write(`error: ${what} port ${p} is in use; pass another (--${what === 'ui' ? 'ui-port' : 'port'} 0 picks a free one)\n`);
  } else {
    process.stderr.write(`error: could not start the ${what}: ${error.message}\n`);
  }
  process.exit(1);
}
