// `wait`: blocks until a delivery matching a search arrives, for QA scripts (trigger a call, wait for
// its callback, assert on it). The service's waitForDelivery does the waiting: over the API of the
// `serve` on the data directory, else in a core of its own (core-access.ts), which first derives
// what a stopped serve left pending.
import { Command, Option, type CommanderError } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'lossless-json';
import { deliveryFilter, type DeliveryFilter } from '../../../shared/api.js';
import { SEARCH_SYNTAX_SUMMARY, readSearch, searchString } from '../../../shared/search-syntax.js';
import { DATABASE_FILE } from '../../core/app.js';
import { decodeBody } from '../../core/ingest/decode.js';
import { parseJson } from '../../../shared/json/lossless-parse.js';
import type { ExportLine } from '../../../shared/export-format.js';
import { ApiUnreachableError, reachCore, servingApi, type CoreAccess, sayBusy } from './core-access.js';
import { troubleLine } from './trouble.js';
import { defaultDataDir } from './data-dir.js';

/** Exit codes: found 0; nothing before the timeout 124 (as timeout(1)); bad input 2; anything else 1. */
export const EXIT_TIMEOUT = 124;
export const EXIT_BAD_INPUT = 2;
const EXIT_NO_STORE = 1;
/**
 * How long a data dir may hold no store. A wait started beside a `serve` that is still starting
 * finds one within a second or two; a mistyped --data never does, and must not look like a timeout.
 */
const STORE_GRACE_MS = 10_000;

interface Flags {
  data: string;
  match?: string;
  timeout: string;
  after?: string;
  since?: string;
  includeExisting?: boolean;
  interval: string;
}

export function registerWait(program: Command): void {
  program
    .command('wait')
    .description('wait for a delivery matching a search; print it as JSON (works while serve or the desktop app runs)')
    .option('--data <dir>', 'data directory (the one serve or the desktop app uses)', defaultDataDir())
    .option('--match <search>', `what to wait for: ${SEARCH_SYNTAX_SUMMARY} (default: any delivery)`)
    .option('--timeout <seconds>', 'give up after this long (exit 124)', '60')
    .addOption(
      new Option('--after <id>', 'only deliveries with a larger id (default: arriving from now on)').conflicts([
        'since',
        'includeExisting',
      ]),
    )
    .addOption(
      new Option('--since <time>', 'only deliveries received at or after this ISO time, stored ones too').conflicts('includeExisting'),
    )
    .option('--include-existing', 'stored deliveries count too: answer with the first (oldest) match')
    .option('--interval <ms>', 'how often to look', '100')
    .addHelpText(
      'after',
      `
Prints one line of JSON on standard output: the export line (id, receivedAt, endpoint, method, path,
query, headers, remoteAddress, bodyBase64, sha256, size, truncated, kind, shape, problems, sign,
response, retryOf, attempt, taskId, callCount; see shared/export-format.ts), plus
  body      the body as JSON when it is JSON (after Content-Encoding; numbers keep every digit), else null
  bodyText  the body as text when it decodes as text, else null
Exit codes: 0 found, 124 timed out, 2 bad input (a --match word naming no field, or a value the
field cannot take), 1 other errors (no store in --data within ${STORE_GRACE_MS / 1000} s,
an unreadable data file).

Example:
  id=$(callback-inspector wait --data ./data --match 'CallID:6dbf57adc3ecf4f4bfd5efe85ccad659' --timeout 120 | jq .id)
  callback-inspector wait --data ./data --match 'CalleeNumber:+6212345678 Status:failed' | jq -r '.body.Details[0].Status'
Search language: docs/SEARCH.md.
`,
    )
    // Bad flags are bad input (2), apart from the exit codes commander uses for --help (0).
    .exitOverride((error: CommanderError) => process.exit(error.exitCode === 0 ? 0 : EXIT_BAD_INPUT))
    .action(async (flags: Flags) => {
      process.exitCode = await wait(flags);
    });
}

async function wait(flags: Flags): Promise<number> {
  const plan = planOf(flags);
  if (typeof plan === 'string') {
    process.stderr.write(`error: ${plan}\n`);
    return EXIT_BAD_INPUT;
  }
  const file = join(flags.data, DATABASE_FILE);
  const started = Date.now();
  const deadline = started + plan.timeoutMs;
  let baseline = plan.after;
  let announced = false;
  const announce = (after: number) => {
    if (announced) return;
    // From here on, a delivery that arrives is one this wait will see (scripts may wait for this line).
    process.stderr.write(
      `waiting up to ${flags.timeout} s for a delivery${flags.match ? ` matching ${JSON.stringify(flags.match)}` : ''}${describeBaseline(flags, after)}\n`,
    );
    announced = true;
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(ms, deadline - Date.now()))));
  try {
    if (!existsSync(file) && !servingApi(flags.data)) {
      // Nothing stored yet (the writer has not started): everything in the file will have arrived later.
      const grace = Math.min(STORE_GRACE_MS, plan.timeoutMs);
      process.stderr.write(`no store in ${flags.data} yet: giving serve ${grace / 1000} s to make one\n`);
      baseline = 0;
      announce(0);
      while (!existsSync(file) && !servingApi(flags.data)) {
        if (Date.now() >= started + grace) return noStore(flags.data);
        await sleep(plan.intervalMs);
      }
    }
    for (;;) {
      // Beside a serve: its long poll, chained, until found or the time is up (or the serve stops).
      // Alone: a core of our own looks once (after deriving what a stopped serve left pending) and
      // lets the directory go again, so that a serve can start; it looks again when one does, or when
      // the store changes (an import).
      const access = await reachCore(flags.data, {
        mustExist: false,
        onBusy: sayBusy(flags.data),
      });
      const stamp = () => storeStamp(file);
      try {
        for (;;) {
          const left = deadline - Date.now();
          const timeoutMs = announced && access.via === 'serve' ? Math.max(0, Math.min(left, MAX_POLL_MS)) : 0;
          const found = await access.client.waitForDelivery({
            filter: plan.filter,
            ...(baseline !== undefined ? { after: baseline } : {}),
            timeoutMs,
          });
          if (!('timedOut' in found)) {
            process.stdout.write(`${await output(access, found.id)}\n`);
            return 0;
          }
          baseline = found.after;
          announce(baseline);
          if (Date.now() >= deadline) return timedOut(flags, baseline);
          if (access.via === 'local') break;
        }
      } catch (error) {
        // The serve stopped while we waited: go on without it.
        if (!(error instanceof ApiUnreachableError)) throw error;
      } finally {
        await access.close();
      }
      const seen = stamp();
      while (!servingApi(flags.data) && stamp() === seen) {
        if (Date.now() >= deadline) return timedOut(flags, baseline);
        await sleep(plan.intervalMs);
      }
    }
  } catch (error) {
    process.stderr.write(`error: ${troubleLine(error, flags.data) ?? (error instanceof Error ? error.message : String(error))}\n`);
    return 1;
  }
}

/** The longest one waitForDelivery call waits: well under fetch's 300 s for the answer's headers. */
const MAX_POLL_MS = 240_000;

function timedOut(flags: Flags, baseline: number | undefined): number {
  const what = flags.match ? ` matching ${JSON.stringify(flags.match)}` : '';
  process.stderr.write(`timed out after ${flags.timeout} s: no delivery${what}${describeBaseline(flags, baseline)} in ${flags.data}\n`);
  return EXIT_TIMEOUT;
}

/** Changes when the store is written (its file or its write-ahead log). */
function storeStamp(file: string): string {
  const of = (f: string) => {
    try {
      const s = statSync(f);
      return `${s.size}:${s.mtimeMs}`;
    } catch {
      return '-';
    }
  };
  return `${of(file)}/${of(`${file}-wal`)}`;
}

function noStore(dataDir: string): number {
  process.stderr.write(
    `error: no store in ${dataDir} (expected ${DATABASE_FILE}); pass --data <dir> (the one serve or the desktop app uses)\n`,
  );
  return EXIT_NO_STORE;
}

function describeBaseline(flags: Flags, baseline: number | undefined): string {
  if (flags.since) return ` received since ${flags.since}`;
  if (flags.includeExisting) return ' (stored ones too)';
  return baseline ? ` after id ${baseline}` : '';
}

interface Plan {
  filter: DeliveryFilter;
  after: number | undefined;
  timeoutMs: number;
  intervalMs: number;
}

/** The flags as a plan, or what is wrong with them. */
function planOf(flags: Flags): Plan | string {
  const match = flags.match ?? '';
  const search = searchString.safeParse(match);
  if (!search.success) return `--match: ${search.error.issues.map((i) => i.message).join('; ')}`;
  const timeout = Number(flags.timeout);
  if (flags.timeout.trim() === '' || !Number.isFinite(timeout) || timeout < 0 || timeout > 86_400)
    return '--timeout: expected seconds, from 0 to 86400';
  const interval = Number(flags.interval);
  if (!/^\d+$/.test(flags.interval) || interval < 10) return '--interval: expected milliseconds, 10 or more';
  const filter: DeliveryFilter = { ...readSearch(match).filter };
  let after: number | undefined;
  if (flags.after !== undefined) {
    if (!/^\d+$/.test(flags.after)) return '--after: expected a delivery id (0 for every stored delivery)';
    after = Number(flags.after);
  }
  if (flags.since !== undefined) {
    const from = Date.parse(flags.since);
    if (!/^\d{4}-\d\d-\d\d/.test(flags.since) || Number.isNaN(from)) return '--since: expected an ISO time such as 2024-05-22T10:00:00Z';
    filter.from = from;
    after = 0;
  }
  if (flags.includeExisting) after = 0;
  if (!deliveryFilter.safeParse(filter).success) return '--since: out of range';
  return { filter, after, timeoutMs: Math.round(timeout * 1000), intervalMs: interval };
}

/**
 * The export line (as `export` prints it) plus the body as a JSON value and as text; lossless-json
 * keeps big numbers exact.
 */
async function output(access: CoreAccess, id: number): Promise<string> {
  const line = JSON.parse(await access.client.exportNdjson({ ids: [id] })) as ExportLine;
  const text = decodeBody(Buffer.from(line.bodyBase64, 'base64'), line.headers).text;
  const parsed = text === null || line.kind === 'not-json' ? null : parseJson(text);
  return stringify({ ...line, body: parsed?.ok ? parsed.value : null, bodyText: text }) ?? 'null';
}
