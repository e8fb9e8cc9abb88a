// `serve`: the core headless, with the API (and the UI) on loopback. Prints `receiver: <url>` and
// `ui: <url>` once both listen; those lines are a public interface for QA scripts. Then a line per
// delivery (delivery-log.ts), unless --quiet.
import { Option, type Command } from 'commander';
import { startCore, DEFAULT_BODY_LIMIT, DEFAULT_INFLIGHT_BUDGET, DEFAULT_MAX_CONNECTIONS, DEFAULT_WAL_LIMIT } from '../../core/app.js';
import { troubleLine } from './trouble.js';
import { keepRunningWhenReaderLeaves } from './closed-pipe.js';
import { startHttpApi } from '../http/http-api.js';
import { registerStaticUi } from '../http/static-ui.js';
import { rendererDir } from './renderer-dir.js';
import { apiToken } from '../http/api-token.js';
import { defaultDataDir } from './data-dir.js';
import { bytes, forwardTarget, nonNegativeInt, port, positiveInt } from './options.js';
import type { EndpointConfig } from '../../../shared/model.js';
import type { ApiService } from '../../../shared/api.js';
import { validInput } from './session.js';
import { forwardConfig } from '../../../shared/api-schemas.js';
import { startDeliveryLog } from './delivery-log.js';

/** The API's own defaults, so --help shows what applies. */
const FORWARD_TIMEOUT_MS: number = forwardConfig.shape.timeoutMs.parse(undefined);
const mb = (n: number) => `${n / 1024 ** 2}mb`;
/** As `wait` and `diff`: a usage mistake is bad input. */
const EXIT_BAD_INPUT = 2;
/** Stopped, but the store could not be checkpointed and closed for lack of space or an I/O error (sysexits' EX_IOERR). */
const EXIT_STORE_NOT_CLOSED = 74;

interface ServeOptions {
  port: number;
  uiPort: number;
  host: string;
  data: string;
  token?: string;
  bodyLimit: number;
  maxInflight: number;
  maxConnections: number;
  walLimit: number;
  forward?: Array<{ endpoint: string; url: string }>;
  relay?: boolean;
  forwardTimeout: number;
  quiet?: boolean;
  json?: boolean;
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
    .addOption(
      new Option('--body-limit <size>', 'largest body stored whole; larger ones get 413 and are kept truncated')
        .argParser(bytes)
        .default(DEFAULT_BODY_LIMIT, mb(DEFAULT_BODY_LIMIT)),
    )
    .addOption(
      new Option(
        '--max-inflight <size>',
        'body bytes held by all requests not yet stored; past it: 503 with Retry-After, not recorded (0: no cap; at least --body-limit)',
      )
        .argParser(bytes)
        .default(DEFAULT_INFLIGHT_BUDGET, mb(DEFAULT_INFLIGHT_BUDGET)),
    )
    .addOption(
      new Option('--max-connections <n>', 'open receiver connections; past it the one waiting longest for its client is closed (0: no cap)')
        .argParser(nonNegativeInt)
        .default(DEFAULT_MAX_CONNECTIONS),
    )
    .addOption(
      new Option('--wal-limit <size>', "store's write-ahead log size past which it is checkpointed and truncated (0: never)")
        .argParser(bytes)
        .default(DEFAULT_WAL_LIMIT, mb(DEFAULT_WAL_LIMIT)),
    )
    .option(
      '--forward <[endpoint=]url>',
      'forward every delivery to your app (repeatable; without endpoint=: the default endpoint, i.e. paths outside /hooks/<name>/)',
      forwardTarget,
    )
    .option(
      '--relay',
      "with --forward: answer the vendor with your app's answer (default: tee, the vendor gets the endpoint's own answer at once)",
    )
    .addOption(
      new Option(
        '--forward-timeout <ms>',
        "with --forward: how long your app may take to answer; with --relay, past it the vendor gets the endpoint's own answer",
      )
        .argParser(positiveInt)
        .default(FORWARD_TIMEOUT_MS),
    )
    .option('--quiet', 'no line per delivery (the receiver:, ui: and forward: lines are still printed)')
    .option('--json', 'one JSON object per delivery instead of a line of text (fields below)')
    .addHelpText(
      'after',
      [
        '',
        'Prints two lines once listening:',
        '  receiver: <url>   give this (or your tunnel to it) to the vendor',
        '  ui: <url>         open in a browser; it carries the token',
        'and, with --forward, one line per forwarded endpoint:',
        '  forward: <endpoint> -> <url> (tee|relay)',
        'then one line per delivery once it is read (derived), unless --quiet:',
        '  14:03:07.123  #12  default  POST /  call-end  CallID=<id> Status=<status>  sign=verified  answer=200  forward=delivered',
        "  local time of arrival; the delivery's id; CallID and Status of the first call (a call-end); sign: verified,",
        '  mismatch or not-checked; answer: the status given, or hung, relaying, aborted; forward (with',
        '  forwarding): delivered, failed or paused, left out while still under way. Control and bidi',
        '  characters from the request are printed escaped (\\x1b, \\u{202e}).',
        'With --json, one object per line instead (names as in `export`):',
        '  {"id","receivedAt" (ISO, UTC),"endpoint","method","path","kind","taskId","callCount",',
        '   "callId","status" (first call; null if none),"sign","response":{"status","hung"},',
        '   "forward" (delivered|failed|paused|null)}',
        'When stdout cannot keep up, lines are dropped, never the deliveries, and counted once it does:',
        '  … N deliveries not printed (stdout was busy)      --json: {"notPrinted":N}',
        '',
        'Example: relay the vendor to an app on port 3000, so its retries react to your answers:',
        '  callback-inspector serve --forward http://localhost:3000/callback --relay',
        '',
      ].join('\n'),
    )
    .action((opts: ServeOptions, cmd: Command) => {
      // They shape forwarding only: given alone, they would be ignored and the user would not know.
      const forwardOnly = [opts.relay && '--relay', cmd.getOptionValueSource('forwardTimeout') === 'cli' && '--forward-timeout'].filter(
        Boolean,
      );
      if (opts.quiet && opts.json)
        cmd.error('error: --quiet prints no delivery lines and --json formats them: give one of them', { exitCode: EXIT_BAD_INPUT });
      if (forwardOnly.length && !opts.forward?.length)
        cmd.error(`error: ${forwardOnly.join(' and ')} ${forwardOnly.length === 1 ? 'needs' : 'need'} --forward <[endpoint=]url>`, {
          exitCode: EXIT_BAD_INPUT,
        });
      if (opts.maxInflight > 0 && opts.maxInflight < opts.bodyLimit) {
        cmd.error(
          `error: --max-inflight (${opts.maxInflight} bytes) must be at least --body-limit (${opts.bodyLimit} bytes), or 0 for no cap: a body that size would be refused forever`,
          { exitCode: EXIT_BAD_INPUT },
        );
      }
      keepRunningWhenReaderLeaves();
      return serve(opts);
    });
}

async function serve(opts: ServeOptions): Promise<void> {
  const core = await startCore({
    dataDir: opts.data,
    receiverHost: opts.host,
    receiverPort: opts.port,
    bodyLimit: opts.bodyLimit,
    inflightBudget: opts.maxInflight,
    maxConnections: opts.maxConnections,
    walLimit: opts.walLimit,
  }).catch((error: NodeJS.ErrnoException) => fail(error, opts.port, 'receiver', opts.data));
  const token = apiToken(opts.data, opts.token);
  const api = await startHttpApi({
    service: core.service,
    events: core.events,
    token,
    port: opts.uiPort,
    register: (app) => registerStaticUi(app, rendererDir()),
  }).catch(async (error: NodeJS.ErrnoException) => {
    await core.close();
    return fail(error, opts.uiPort, 'ui', opts.data);
  });
  const forwarded = await configureForwarding(core.service, opts);
  process.stdout.write(`receiver: ${core.receiver.url}\nui: ${api.url}#token=${encodeURIComponent(token)}\n`);
  for (const e of forwarded) process.stdout.write(`forward: ${e.name} -> ${e.forward!.url} (${e.forward!.mode})\n`);
  if (!opts.quiet) startDeliveryLog({ events: core.events, store: core.store, format: opts.json ? 'json' : 'text' });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      // A second Ctrl-C: the user will not wait. Committed deliveries are safe in the WAL already.
      process.stderr.write(`${signal} again: exiting now\n`);
      process.exit(130);
    }
    stopping = true;
    process.stderr.write(`${signal}: finishing in-flight deliveries and closing the store (again to exit at once)\n`);
    try {
      await api.close();
      await core.close();
    } catch (error) {
      // Typically a full disk: the closing checkpoint cannot grow the database file. What was
      // acknowledged is committed in the write-ahead log, which the next start reads; a stack trace
      // would only hide that.
      const disk = isDiskError(error);
      const why = error instanceof Error ? error.message : String(error);
      process.stderr.write(
        `error: could not close the store cleanly: ${why}${disk ? '; every acknowledged delivery is in the write-ahead log and is kept at the next start (free some space first)' : ''}\n`,
      );
      process.exit(disk ? EXIT_STORE_NOT_CLOSED : 1);
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** `--forward`: saved on the endpoint (created with the contract's answer when new), so the UI shows it. */
async function configureForwarding(service: ApiService, opts: ServeOptions): Promise<EndpointConfig[]> {
  if (!opts.forward?.length) return [];
  const existing = new Map((await service.listEndpoints({})).map((e) => [e.name, e]));
  const saved: EndpointConfig[] = [];
  for (const { endpoint, url } of opts.forward) {
    const input = validInput('putEndpoint', {
      ...(existing.get(endpoint) ?? { name: endpoint }),
      forward: { url, mode: opts.relay ? 'relay' : 'tee', timeoutMs: opts.forwardTimeout },
    });
    saved.push(await service.putEndpoint(input));
  }
  return saved;
}

function fail(error: NodeJS.ErrnoException, p: number, what: string, dataDir: string): never {
  const trouble = troubleLine(error, dataDir);
  if (trouble !== null) {
    // The data directory or the store, not the port.
    process.stderr.write(`error: ${trouble}\n`);
  } else if (error.code === 'EADDRINUSE') {
    process.stderr.write(`error: ${what} port ${p} is in use; pass another (--${what === 'ui' ? 'ui-port' : 'port'} 0 picks a free one)\n`);
  } else {
    process.stderr.write(`error: could not start the ${what}: ${error.message}\n`);
  }
  process.exit(1);
}

/** SQLite could not write: the disk (or its quota) is full, or the file system failed. */
function isDiskError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') || code === 'ENOSPC' || code === 'EDQUOT');
}
