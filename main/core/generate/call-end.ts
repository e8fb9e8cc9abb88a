// Synthetic call-end notifications that pass the contract check (shared/contract): per callee a
// redial chain of calls, the k-th listing the earlier k - 1 in RedailCall, with transcripts,
// intentions, ring results and statuses; signed like the vendor signs. Same seed, same bytes.
import { formatIsoUtc } from '../../../shared/contract/times.js';
import { VENDOR_DEFAULT_KEY } from '../../../shared/sign.js';
import type { GeneratedCallback, SignScheme } from '../../../shared/model.js';
import type { JsonValue } from '../../../shared/contract/json-value.js';
import { computeSign, signBody } from '../sign/schemes.js';
import { seeded, type Random } from './random.js';
import {
  CALLEE_LINES,
  FIRST_NAMES,
  INTENTION_NOTES,
  LAST_NAMES,
  MARKETS,
  PLATFORMS,
  ROBOT_LINES,
  UNANSWERED_RING_TYPES,
} from './vocabulary.js';

export interface GenerateOptions {
  calls: number;
  /** Calls per callee (chain length). */
  redials: number;
  seed: string | number;
  key?: string | undefined;
  scheme: SignScheme;
  startAt?: number | undefined;
  /**
   * Zone RedailCall times are written in (minutes east of UTC). 480 by default: the vendor's example
   * only makes sense read as UTC+8 (its redial then starts 10 s before the call).
   */
  redialOffsetMinutes?: number;
}

/** 2024-05-22 02:00 UTC: the day the vendor page was last edited. Fixed so a seed alone reproduces a run. */
export const DEFAULT_START = Date.UTC(2024, 4, 22, 2, 0, 0);
const CALLEES_PER_TASK = 500;

interface Attempt {
  callId: string;
  startMs: number;
  ringType: string;
  ringTime: number;
  hangupType: string;
  label: string;
}

/** Lazily: a million calls never sit in memory at once. */
export function* generateCallbacks(o: GenerateOptions): Generator<GeneratedCallback> {
  // A chain of no attempts would make no call, and the loop below would never end.
  if (!(o.redials >= 1)) throw new RangeError(`redials must be 1 or more, not ${o.redials}`);
  const rnd = seeded(o.seed);
  const key = o.key || VENDOR_DEFAULT_KEY;
  const offset = o.redialOffsetMinutes ?? 480;
  let start = o.startAt ?? DEFAULT_START;
  let recordId = rnd.int(10_000_000, 19_000_000);
  let task = newTask(rnd, 0);
  for (let made = 0, callee = 0; made < o.calls; callee++) {
    if (callee > 0 && callee % CALLEES_PER_TASK === 0) task = newTask(rnd, callee / CALLEES_PER_TASK);
    const person = newCallee(rnd);
    const earlier: Attempt[] = [];
    let at = start;
    for (let k = 1; k <= o.redials && made < o.calls; k++, made++) {
      // Earlier attempts of a chain mostly go unanswered; the last one is answered more often.
      const answered = rnd.chance(k === o.redials ? 0.7 : 0.25);
      const detail = callDetail(rnd, person, task, { k, at, answered, id: recordId++, earlier, offset });
      const body = signed({ TaskID: task.id, TaskName: task.name, Sign: '', PlanName: task.plan, Details: [detail.json] }, o.scheme, key);
      yield { ...body, callee: person.number, callId: detail.attempt.callId, callTimes: k };
      earlier.push(detail.attempt);
      at += rnd.int(20, 120) * 60_000;
    }
    start += rnd.int(5, 90) * 1000;
  }
}

function newTask(rnd: Random, n: number) {
  return {
    id: rnd.hex(32),
    name: `QA-Task-${String(n + 1).padStart(3, '0')}`,
    plan: 'Plan_QA',
    robot: rnd.digits(4),
    caller: `+86136${rnd.digits(8)}`,
  };
}

function newCallee(rnd: Random) {
  const market = rnd.pick(MARKETS);
  const borrowed = Date.UTC(2024, rnd.int(0, 3), rnd.int(1, 28));
  const amount = rnd.int(market.amount[0], market.amount[1]);
  return {
    name: `${rnd.pick(FIRST_NAMES)} ${rnd.pick(LAST_NAMES)}`,
    gender: rnd.pick(['male', 'female'] as const),
    number: `${market.prefix}${rnd.digits(market.digits)}`,
    currency: market.currency,
    borrowedDate: formatIsoUtc(borrowed).slice(0, 10),
    dueDate: formatIsoUtc(borrowed + rnd.int(7, 30) * 86_400_000).slice(0, 10),
    borrowed: `${amount}.00`,
    owing: `${Math.round(amount * (1 + rnd.int(0, 30) / 100))}.00`,
    platform: rnd.pick(PLATFORMS),
    comments: `C${rnd.digits(8)}`,
  };
}

type Person = ReturnType<typeof newCallee>;
type Task = ReturnType<typeof newTask>;

function callDetail(
  rnd: Random,
  p: Person,
  task: Task,
  c: { k: number; at: number; answered: boolean; id: number; earlier: Attempt[]; offset: number },
) {
  const ringTime = c.answered ? rnd.int(2, 15) : rnd.int(0, 40);
  const ringType = c.answered ? 'normal' : rnd.pick(UNANSWERED_RING_TYPES);
  const intention = c.answered ? rnd.pick(['A', 'B', 'C', 'D', 'E', 'G', 'H', 'I'] as const) : rnd.pick(['F', '--'] as const);
  const turns = c.answered ? rnd.int(2, ROBOT_LINES.length) : 0;
  const asr = transcript(rnd, p, turns, ringTime);
  const talk = c.answered ? turns * rnd.int(4, 12) : 0;
  const hangupType = c.answered ? rnd.pick(['ByCallee', 'ByRobot'] as const) : 'Canceled';
  const attempt: Attempt = { callId: rnd.hex(32), startMs: c.at, ringType, ringTime, hangupType, label: intention };
  const json: Record<string, unknown> = {
    id: c.id,
    RobotID: task.robot,
    CalleeName: p.name,
    CalleeGender: p.gender,
    CalleeNumber: p.number,
    CallStartTime: formatIsoUtc(c.at),
    CallEndTime: formatIsoUtc(c.at + (ringTime + talk) * 1000),
    Status: c.answered ? 'finished' : rnd.pick(['finished', 'failed'] as const),
    Intention: intention,
    intention_description: INTENTION_NOTES[intention] ?? '',
    CallID: attempt.callId,
    CallTimes: c.k,
    Comments: p.comments,
    BorrowedDate: p.borrowedDate,
    DueDate: p.dueDate,
    BorrowedAmount: p.borrowed,
    TotalOwingAmount: p.owing,
    CurrencyUnit: p.currency,
    PlatformName: p.platform,
    RingType: ringType,
    HangupType: hangupType,
    ...(rnd.chance(0.3) ? { Slots: { repay_intent: intention === 'A' ? 'today' : 'unknown' } } : {}),
    NerSlots: c.answered ? { PaymentMethod: rnd.pick(['ATM', 'Transfer', 'E-wallet']), PaymentTime: `Time_${rnd.int(0, 3)}` } : {},
    ExtraA: '',
    ExtraB: '',
    ExtraC: '',
    AsrResult: asr,
    RingTime: ringTime,
    TalkRound: turns,
    RedailCall: c.earlier.map((e) => ({
      CallID: e.callId,
      CallStartTime: zoneless(e.startMs, c.offset),
      RingType: e.ringType,
      RingTime: e.ringTime,
      HangupType: e.hangupType,
      ResultLabel: e.label,
      caller_number: task.caller,
      callee_number: p.number,
    })),
    ...(rnd.chance(0.2) ? { Multi_intention: { payment: intention } } : {}),
    EventLabel: { final_label: c.answered ? rnd.pick(['O', 'P', 'Q']) : 'N' },
    call_notes: '',
    caller_number: task.caller,
  };
  return { json, attempt };
}

function transcript(rnd: Random, p: Person, turns: number, ringTime: number) {
  const fill = (s: string) =>
    s
      .replace('{name}', p.name)
      .replace('{platform}', p.platform)
      .replace('{amount}', p.owing)
      .replace('{currency}', p.currency)
      .replace('{due}', p.dueDate);
  let t = ringTime;
  return Array.from({ length: turns }, (_, i) => {
    const entry = { time: clock(t), robottext: fill(ROBOT_LINES[i]!), text: rnd.pick(CALLEE_LINES) };
    t += rnd.int(3, 12);
    return entry;
  });
}

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (s: number) => `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;

/** `YYYY-MM-DD HH:MM:SS` in the zone `offsetMinutes` east of UTC, as RedailCall writes times. */
function zoneless(ms: number, offsetMinutes: number): string {
  return formatIsoUtc(ms + offsetMinutes * 60_000)
    .slice(0, 19)
    .replace('T', ' ');
}

/** Signs as the vendor does (md5 → the Sign field; hmac → a header over the bytes), then serialises. */
function signed(body: Record<string, unknown>, scheme: SignScheme, key: string): { body: string; headers: Array<[string, string]> } {
  const headers: Array<[string, string]> = [
    ['Content-Type', 'application/json'],
    ['User-Agent', 'Airudder'],
  ];
  if (scheme.type === 'md5-template') {
    // The template reads top-level scalars only, and ours are all strings: the object itself is a
    // faithful JsonValue for it, with no serialise-and-parse round trip per call.
    const sign = computeSign(scheme, key, new Uint8Array(), body as JsonValue);
    return { body: JSON.stringify({ ...body, Sign: sign }), headers };
  }
  const text = JSON.stringify(body);
  const placed = signBody(scheme, key, Buffer.from(text, 'utf8'), undefined);
  if (placed?.where === 'header') headers.push(...placed.headers);
  return { body: text, headers };
}
