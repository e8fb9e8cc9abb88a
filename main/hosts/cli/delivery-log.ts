// `serve`'s per-delivery lines on stdout (like `stripe listen`): one readable line, or one JSON object
// with --json, per delivery once it is derived. A log never holds up the receiver: a slow reader makes
// lines be dropped (and counted), a reader that left makes the log stop.
import type { DeliverySummary, ForwardState, SignStatus, StoredKind } from '../../../shared/model.js';
import type { EventBus } from '../../core/events/event-bus.js';
import type { Store } from '../../core/store/index.js';
import { hiddenCharacters } from '../../../shared/hidden-characters.js';

/** One `--json` line. Names as in the `export` line where they overlap (id, receivedAt, …, response.status). */
export interface DeliveryLogLine {
  id: number;
  /** ISO 8601, UTC, as in `export`. */
  receivedAt: string;
  endpoint: string;
  method: string;
  path: string;
  kind: StoredKind;
  taskId: string | null;
  callCount: number;
  /** The first call's `CallID` and `Status` (`Details[0]`); null when there is none. */
  callId: string | null;
  status: string | null;
  sign: SignStatus;
  /** The answer given; status null: none (yet), e.g. hung, a relay still waiting, a client that left. */
  response: { status: number | null; hung: boolean };
  /** Where the forward to your app stands when the line is written; null: not forwarded, or still under way. */
  forward: Exclude<ForwardState, 'pending'> | null;
}

export type DeliveryLogFormat = 'text' | 'json';

/** What may wait in stdout's buffer before further lines are dropped: ~1,500 lines of text. */
export const MAX_BUFFERED_BYTES = 256 * 1024;

/**
 * Prints a line per `deliveryReceived` until stdout is gone; returns what stops it. Listening makes
 * the core read each derived row back (~50 µs a delivery, app.ts onDerived): that is the price of
 * the log, which --quiet does not pay since it never subscribes.
 */
export function startDeliveryLog(deps: { events: EventBus; store: Store; format: DeliveryLogFormat }): () => void {
  const out = process.stdout;
  writeTerminalWithoutBlocking();
  const render = deps.format === 'json' ? (d: Described) => jsonLine(d.line) : (d: Described) => textLine(d.line, d.noAnswer);
  const notice = deps.format === 'json' ? (n: number) => jsonLine({ notPrinted: n }) : notPrintedText;
  let dropped = 0;
  let waitingForDrain = false;

  // A reader that left (EPIPE) or a failed stream: closed-pipe.ts keeps serve running, and nothing
  // more is worth formatting.
  const gone = () => out.destroyed || out.writableEnded;
  const sayDropped = () => {
    if (dropped === 0 || gone()) return;
    out.write(`${notice(dropped)}\n`);
    dropped = 0;
  };

  const off = deps.events.on('deliveryReceived', (summary) => {
    if (gone()) return off();
    if (out.writableLength >= MAX_BUFFERED_BYTES) {
      // The reader is behind (a paused pipe or terminal): drop rather than grow memory without bound,
      // and say how many once it has caught up.
      dropped++;
      if (!waitingForDrain) {
        waitingForDrain = true;
        out.once('drain', () => {
          waitingForDrain = false;
          sayDropped();
        });
      }
      return;
    }
    sayDropped();
    out.write(`${render(describeDelivery(summary, deps.store))}\n`);
  });
  return off;
}

/**
 * Node writes a terminal synchronously on POSIX (tty.WriteStream sets its handle blocking), so a
 * terminal that stops reading (Ctrl-S, a stuck terminal emulator) would stop the whole process, the
 * receiver with it, once the terminal's buffer is full. Non-blocking, its writes queue in the stream
 * like a pipe's, and the bound above applies. What this costs: lines still queued when the process
 * exits are lost, which for a log is the right trade.
 */
function writeTerminalWithoutBlocking(): void {
  if (!process.stdout.isTTY) return;
  const handle = (process.stdout as unknown as { _handle?: { setBlocking?: (blocking: boolean) => number } })._handle;
  handle?.setBlocking?.(false);
}

/**
 * The summary plus what it does not carry. The first call is looked up here (one read on the calls'
 * unique (delivery_id, idx) index) rather than added to DeliverySummary: the summary is also every
 * inbox row, and a field there would cost each listing a join that only this log needs. The answer's
 * `hung` and reason are read from the row only when no status was given (rare); the forward state is
 * one primary-key read.
 */
export function describeDelivery(s: DeliverySummary, store: Store): Described {
  const first = s.kind === 'call-end' && s.callCount > 0 ? store.calls.at(s.id, 0) : undefined;
  const forward = store.forwards.of(s.id)?.state;
  const noAnswer = s.responseStatus === null ? answerOf(store, s.id) : null;
  const line: DeliveryLogLine = {
    id: s.id,
    receivedAt: new Date(s.receivedAt).toISOString(),
    endpoint: s.endpoint,
    method: s.method,
    path: s.path,
    kind: s.kind,
    taskId: s.taskId,
    callCount: s.callCount,
    callId: first?.callId ?? null,
    status: first?.status ?? null,
    sign: s.sign,
    response: { status: s.responseStatus, hung: noAnswer?.hung ?? false },
    forward: forward === undefined || forward === 'pending' ? null : forward,
  };
  return { line, noAnswer: noAnswer && (noAnswer.hung ? 'hung' : noAnswer.reason) };
}

/** A line, and for the text form why no status was given (`hung`, `relaying`, `aborted`, …). */
interface Described {
  line: DeliveryLogLine;
  noAnswer: string | null;
}

/** The stored answer when no status was given: hung, or why not (`relaying`, `aborted`, …). */
function answerOf(store: Store, id: number): { hung: boolean; reason: string } {
  const response = store.deliveries.get(id)?.response;
  if (!response) return { hung: false, reason: 'none' };
  return { hung: response.hung === true, reason: response.reason ?? 'none' };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Local time of arrival, HH:MM:SS.mmm: the log is read beside a terminal clock. `--json` has the ISO time. */
function localTime(iso: string): string {
  const d = new Date(iso);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/**
 * `14:03:07.123  #12  default  POST /  call-end  CallID=… Status=finished  sign=verified  answer=200  forward=delivered`.
 * Every value that came from the request goes through `terminalSafe`.
 */
export function textLine(l: DeliveryLogLine, noAnswer: string | null = null): string {
  const parts = [
    localTime(l.receivedAt),
    `#${l.id}`,
    terminalSafe(l.endpoint),
    `${terminalSafe(l.method)} ${terminalSafe(l.path)}`,
    l.kind,
  ];
  if (l.kind === 'call-end' && l.callCount > 0) {
    const more = l.callCount > 1 ? ` (+${l.callCount - 1} more ${l.callCount === 2 ? 'call' : 'calls'})` : '';
    parts.push(
      `CallID=${l.callId === null ? '(none)' : terminalSafe(l.callId)} Status=${l.status === null ? '(none)' : terminalSafe(l.status)}${more}`,
    );
  }
  parts.push(`sign=${l.sign}`);
  parts.push(`answer=${l.response.status ?? (l.response.hung ? 'hung' : terminalSafe(noAnswer ?? 'none'))}`);
  if (l.forward) parts.push(`forward=${l.forward}`);
  return parts.join('  ');
}

export const notPrintedText = (n: number) => `… ${n} ${n === 1 ? 'delivery' : 'deliveries'} not printed (stdout was busy)`;

/**
 * The hidden characters (shared/hidden-characters.ts), all C0 controls (tab and line feed too: the line
 * is one line), and the backslash, so that an escape read back is unambiguous.
 */
const UNSAFE = hiddenCharacters('\\x00-\\x1f\\\\', 'g');

/** Request-supplied text made safe to print: each such character as `\xNN` or `\u{NNNN}`, `\` as `\\`. */
export function terminalSafe(s: string): string {
  return s.replace(UNSAFE, (c) => {
    if (c === '\\') return '\\\\';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/**
 * The hidden characters JSON.stringify leaves raw (it escapes only C0 controls). They can only stand
 * inside strings, where `\uNNNN` reads back as the same text.
 */
const JSON_UNSAFE = hiddenCharacters('', 'g');

/** One JSON object on one line, with nothing in it a terminal would act on. */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
