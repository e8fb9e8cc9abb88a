// Derives the index rows (one per call, one per redial) and the full-text search text from a body.
// Tolerant by design: a missing or wrong-typed field becomes null (the contract check reports it).
import type { Problem } from '../../../shared/model.js';
import { DEFAULT_INGEST_LIMITS, type IngestLimits } from './limits.js';
import type { CallIndexRow, RedialIndexRow } from './types.js';
import {
  field,
  isJsonObject,
  isLosslessNumber,
  stringField,
  type JsonObject,
  type JsonValue,
} from '../../../shared/contract/json-value.js';
import { parseIsoUtc } from '../../../shared/contract/times.js';

/** Search text kept for a call-end body: room for every call's identifiers and most transcripts. */
export const MAX_CALL_END_SEARCH_TEXT = 1024 * 1024;
/** Search text kept for other JSON and for text bodies. */
export const MAX_SEARCH_TEXT = 64 * 1024;

export interface CallEndIndex {
  taskId: string | null;
  taskName: string | null;
  planName: string | null;
  calls: CallIndexRow[];
  searchText: string;
  /** What the limits cut from the index, if anything. */
  problems: Problem[];
}

/** Collects pieces up to a character budget; one join at the end keeps building linear. */
class BoundedText {
  private readonly parts: string[] = [];
  private size = 0;
  constructor(private readonly limit: number) {}
  get full(): boolean {
    return this.size >= this.limit;
  }
  add(piece: string | null | undefined): void {
    if (!piece || this.full) return;
    const room = this.limit - this.size;
    const kept = piece.length > room ? piece.slice(0, room) : piece;
    this.parts.push(kept);
    this.size += kept.length + 1;
  }
  toString(): string {
    return this.parts.join('\n');
  }
}

export function extractCallEnd(value: JsonValue, limits: IngestLimits = DEFAULT_INGEST_LIMITS): CallEndIndex {
  const body: JsonObject = isJsonObject(value) ? value : Object.create(null);
  const details = field(body, 'Details');
  const entries = Array.isArray(details) ? details : [];
  const problems: Problem[] = [];
  const calls: CallIndexRow[] = [];
  let rows = 0;
  let redialsCut = 0;
  for (let index = 0; index < entries.length && index < limits.maxCalls && rows < limits.maxDerivedRows; index++) {
    const row = callRow(entries[index] as JsonValue, index, Math.min(limits.maxRedialsPerCall, limits.maxDerivedRows - rows - 1));
    redialsCut += row.redialsCut;
    rows += 1 + row.call.redials.length;
    calls.push(row.call);
  }
  if (calls.length < entries.length) {
    const why =
      calls.length >= limits.maxCalls
        ? `the first ${calls.length.toLocaleString('en-US')} (the limit of calls a delivery)`
        : `the first ${calls.length.toLocaleString('en-US')} (the limit of ${limits.maxDerivedRows.toLocaleString('en-US')} call and redial rows a delivery)`;
    problems.push({
      path: '$.Details',
      severity: 'warning',
      code: 'index-limit',
      message: `Details holds ${entries.length.toLocaleString('en-US')} calls; ${why} are indexed (listed, searchable, in redial chains) and checked against the contract. The rest are in the raw body only`,
    });
  }
  if (redialsCut > 0) {
    problems.push({
      path: '$.Details',
      severity: 'warning',
      code: 'index-limit',
      message: `${redialsCut.toLocaleString('en-US')} RedailCall entries past ${limits.maxRedialsPerCall.toLocaleString('en-US')} a call (or past the delivery's row limit) are not indexed; they are in the raw body only`,
    });
  }
  return {
    taskId: stringField(body, 'TaskID'),
    taskName: stringField(body, 'TaskName'),
    planName: stringField(body, 'PlanName'),
    calls,
    searchText: callEndSearchText(
      body,
      entries.length > limits.maxCalls ? entries.slice(0, limits.maxCalls) : entries,
      limits.maxTranscriptTurns,
    ),
    problems,
  };
}

/** String values of any JSON, in document order, bounded. Iterative: the value may be very deep. */
export function jsonSearchText(value: JsonValue, limit = MAX_SEARCH_TEXT): string {
  const out = new BoundedText(limit);
  collectStrings(value, out);
  return out.toString();
}

/** The start of a text body; nothing for binary or undecodable bodies (text null). */
export function textSearchText(text: string | null, limit = MAX_SEARCH_TEXT): string {
  return text === null ? '' : text.slice(0, limit);
}

function callRow(entry: JsonValue, index: number, maxRedials: number): { call: CallIndexRow; redialsCut: number } {
  const call: JsonObject = isJsonObject(entry) ? entry : Object.create(null);
  const startTime = stringField(call, 'CallStartTime');
  const endTime = stringField(call, 'CallEndTime');
  const startMs = startTime === null ? null : parseIsoUtc(startTime);
  const endMs = endTime === null ? null : parseIsoUtc(endTime);
  const redials = field(call, 'RedailCall');
  const allRedials = Array.isArray(redials) ? redials : [];
  const kept = allRedials.length > maxRedials ? allRedials.slice(0, Math.max(0, maxRedials)) : allRedials;
  return {
    call: {
      index,
      callId: stringField(call, 'CallID'),
      calleeNumber: stringField(call, 'CalleeNumber'),
      calleeName: stringField(call, 'CalleeName'),
      status: stringField(call, 'Status'),
      intention: stringField(call, 'Intention'),
      startTime,
      endTime,
      // Negative when the end precedes the start: the contract check warns, the index keeps the fact.
      durationSec: startMs !== null && endMs !== null ? (endMs - startMs) / 1000 : null,
      ringType: stringField(call, 'RingType'),
      ringTime: numberField(call, 'RingTime'),
      hangupType: stringField(call, 'HangupType'),
      redials: kept.map(redialRow),
    },
    redialsCut: allRedials.length - kept.length,
  };
}

function redialRow(entry: JsonValue, index: number): RedialIndexRow {
  const r: JsonObject = isJsonObject(entry) ? entry : Object.create(null);
  return {
    index,
    callId: stringField(r, 'CallID'),
    calleeNumber: stringField(r, 'callee_number'),
    callerNumber: stringField(r, 'caller_number'),
    startTimeRaw: stringField(r, 'CallStartTime'),
    ringType: stringField(r, 'RingType'),
    ringTime: numberField(r, 'RingTime'),
    hangupType: stringField(r, 'HangupType'),
    resultLabel: stringField(r, 'ResultLabel'),
  };
}

function numberField(obj: JsonObject, name: string): number | null {
  const v = field(obj, name);
  if (!isLosslessNumber(v)) return null;
  const n = Number(v.value);
  return Number.isFinite(n) ? n : null;
}

const IDENTITY_FIELDS = ['CallID', 'CalleeName', 'CalleeNumber', 'caller_number', 'Comments', 'ExtraA', 'ExtraB', 'ExtraC', 'PlatformName'];
const REDIAL_IDENTITY_FIELDS = ['CallID', 'callee_number', 'caller_number'];
const PROSE_FIELDS = ['intention_description', 'call_notes'];
const LABEL_OBJECTS = ['EventLabel', 'NerSlots', 'Slots', 'Multi_intention'];

/**
 * Identifiers of every call first (names, numbers, CallIDs, comments), prose after (descriptions,
 * labels, slots, transcripts): a long transcript must not push a later callee's number out.
 */
function callEndSearchText(body: JsonObject, entries: JsonValue[], maxTurns: number): string {
  const out = new BoundedText(MAX_CALL_END_SEARCH_TEXT);
  for (const name of ['TaskID', 'TaskName', 'PlanName']) out.add(stringField(body, name));
  const calls = entries.filter(isJsonObject);
  for (const call of calls) {
    for (const name of IDENTITY_FIELDS) out.add(stringField(call, name));
    const redials = field(call, 'RedailCall');
    for (const r of Array.isArray(redials) ? redials.filter(isJsonObject) : []) {
      for (const name of REDIAL_IDENTITY_FIELDS) out.add(stringField(r, name));
    }
  }
  for (const call of calls) {
    if (out.full) break;
    for (const name of PROSE_FIELDS) out.add(stringField(call, name));
    for (const name of LABEL_OBJECTS) {
      const labels = field(call, name);
      if (labels !== undefined) collectStrings(labels, out);
    }
    const asr = field(call, 'AsrResult');
    const turns = Array.isArray(asr) ? asr.slice(0, maxTurns) : [];
    for (const turn of turns.filter(isJsonObject)) {
      out.add(stringField(turn, 'robottext'));
      out.add(stringField(turn, 'text'));
    }
  }
  return out.toString();
}

function collectStrings(root: JsonValue, out: BoundedText): void {
  const stack: Array<{ items: JsonValue[]; next: number }> = [{ items: [root], next: 0 }];
  while (stack.length > 0 && !out.full) {
    const frame = stack[stack.length - 1] as { items: JsonValue[]; next: number };
    if (frame.next >= frame.items.length) {
      stack.pop();
      continue;
    }
    const v = frame.items[frame.next++] as JsonValue;
    if (typeof v === 'string') out.add(v);
    else if (Array.isArray(v)) stack.push({ items: v, next: 0 });
    else if (isJsonObject(v)) stack.push({ items: Object.values(v), next: 0 });
  }
}
