// Checks a parsed call-end body against the contract table (fields.ts): every finding becomes a
// Problem with a JSON path; nothing is rejected and nothing throws.
//
// Why a hand-written table walker and not zod: the contract needs severity tiers (a missing required
// field is an error, an unknown enum value or an unmarked field only a warning, and breaches of types
// read from the example are softer than breaches of the page's table; what the vendor's own example
// does is only a note); numbers arrive as LosslessNumber, so integer-ness and the 2^53 limit are
// judged on the digits, which a schema library would first turn into a rounded number; the same table
// is the field documentation the UI shows; and we want every finding with its path, not the first
// failure.
import type { Problem, Severity } from '../model.js';
import { CALL_END_FIELDS, type FieldSpec } from './fields.js';
import { field, isJsonObject, isLosslessNumber, jsonTypeName, type JsonObject, type JsonValue } from './json-value.js';
import { shorten, toPath, type PathSegment } from './json-path.js';
import { describeOffset, formatIsoUtc, isZoneless, parseDate, parseIsoUtc, parseZoneless } from './times.js';

/** A body with problems in every call could list tens of thousands; past this many of a severity, one summary counts the rest. */
export const MAX_CONTRACT_PROBLEMS = 1000;

/**
 * Zones a RedailCall time is read in: UTC, as the page says for Details, and UTC+8, the reading
 * under which the page's example redial lands 10 s before its call.
 */
export const REDIAL_READINGS = [
  { label: 'UTC', offsetMinutes: 0 },
  { label: 'UTC+8', offsetMinutes: 480 },
] as const;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

interface Scope {
  /** The enclosing call's start, for reading zoneless redial times against it. */
  callStart: { raw: string; ms: number } | null;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'note'];
const PLURAL: Record<Severity, string> = { error: 'errors', warning: 'warnings', note: 'notes' };

/**
 * Collects up to MAX_CONTRACT_PROBLEMS problems of each severity, then only counts them: a thousand
 * notes (one per redial of a big body) must not crowd out its one real warning. Paths and messages
 * are built only for problems that are kept: a 32 MB body must not pay for text nobody will read.
 */
class Sink {
  readonly problems: Problem[] = [];
  private readonly listed: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  private readonly unlisted: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  add(at: readonly PathSegment[], last: PathSegment | null, severity: Severity, code: string, message: () => string): void {
    if (this.listed[severity] === MAX_CONTRACT_PROBLEMS) {
      this.unlisted[severity]++;
      return;
    }
    this.listed[severity]++;
    this.problems.push({ path: toPath(last === null ? at : [...at, last]), severity, code, message: message() });
  }
  /** The kept problems, then per severity one summary that counts (`count`) the ones not kept. */
  result(): Problem[] {
    const more = SEVERITIES.filter((s) => this.unlisted[s] > 0).map((severity): Problem => {
      const count = this.unlisted[severity];
      const message = `${count.toLocaleString('en-US')} more ${PLURAL[severity]} not listed: the first ${MAX_CONTRACT_PROBLEMS.toLocaleString('en-US')} are shown`;
      return { path: '$', severity, code: 'more-problems', message, count };
    });
    return more.length === 0 ? this.problems : [...this.problems, ...more];
  }
}

export function checkCallEnd(value: JsonValue): Problem[] {
  const sink = new Sink();
  if (!isJsonObject(value)) {
    sink.add([], null, 'error', 'wrong-type', () => `The body is ${article(jsonTypeName(value))}; the contract expects an object`);
    return sink.result();
  }
  checkObject(value, CALL_END_FIELDS, [], sink, { callStart: null });
  const details = field(value, 'Details');
  if (Array.isArray(details) && details.length === 0)
    sink.add(['Details'], null, 'warning', 'empty-details', () => 'Details is empty; the contract sends one entry per call');
  return sink.result();
}

/** The contract's header rule: `Content-Type: application/json`. Takes the media type without parameters. */
export function checkContentType(mediaType: string | null): Problem[] {
  if (mediaType === 'application/json') return [];
  const got = mediaType === null ? 'There is no Content-Type header' : `Content-Type is "${mediaType}"`;
  return [{ path: '$', severity: 'warning', code: 'unexpected-content-type', message: `${got}; the contract says application/json` }];
}

const tables = new WeakMap<readonly FieldSpec[], Map<string, FieldSpec>>();

function byName(specs: readonly FieldSpec[]): Map<string, FieldSpec> {
  let map = tables.get(specs);
  if (!map) tables.set(specs, (map = new Map(specs.map((s) => [s.name, s]))));
  return map;
}

/** Walks the object's own keys once, in document order (so problems read like the body), then the gaps. */
function checkObject(obj: JsonObject, specs: readonly FieldSpec[], at: PathSegment[], sink: Sink, outer: Scope): void {
  const start = field(obj, 'CallStartTime');
  const startMs = typeof start === 'string' ? parseIsoUtc(start) : null;
  const scope: Scope = typeof start === 'string' && startMs !== null ? { callStart: { raw: start, ms: startMs } } : outer;
  const table = byName(specs);
  let present = 0;
  for (const key in obj) {
    if (!Object.hasOwn(obj, key)) continue;
    const spec = table.get(key);
    if (spec !== undefined) {
      present++;
      checkValue(spec, obj[key] as JsonValue, at, sink, scope);
      continue;
    }
    const twin = specs.find((s) => s.name.toLowerCase() === key.toLowerCase());
    sink.add(
      at,
      key,
      'warning',
      'unknown-field',
      () => `Field ${JSON.stringify(shorten(key))} is not in the contract${twin ? ` (did you mean "${twin.name}"?)` : ''}`,
    );
  }
  if (present < specs.length) {
    for (const spec of specs) if (!Object.hasOwn(obj, spec.name)) checkMissing(spec, at, sink);
  }

  const end = field(obj, 'CallEndTime');
  const endMs = typeof end === 'string' ? parseIsoUtc(end) : null;
  if (startMs !== null && endMs !== null && endMs < startMs) {
    sink.add(
      at,
      'CallEndTime',
      'warning',
      'end-before-start',
      () => `CallEndTime ${end} is ${describeOffset(endMs - startMs, `CallStartTime ${start}`)}`,
    );
  }
}

function checkMissing(spec: FieldSpec, at: PathSegment[], sink: Sink): void {
  if (spec.required === true) sink.add(at, spec.name, 'error', 'missing-field', () => `Required field ${spec.name} is missing`);
  else if (spec.required === 'unmarked')
    sink.add(at, spec.name, 'warning', 'missing-field', () => `${spec.name} is missing (the page lists it without a required marker)`);
}

/** Breaches of what the page's table states are errors; of what is read from its example, warnings. */
function breach(spec: FieldSpec): Severity {
  return spec.inferred ? 'warning' : 'error';
}

function wrongType(spec: FieldSpec, v: JsonValue, at: PathSegment[], sink: Sink): void {
  sink.add(at, spec.name, breach(spec), 'wrong-type', () => `${spec.name} is ${article(jsonTypeName(v))}; expected ${expectation(spec)}`);
}

/** `at` is the enclosing object's path; the field's own path is only built for a problem. */
function checkValue(spec: FieldSpec, v: JsonValue, at: PathSegment[], sink: Sink, scope: Scope): void {
  if (v === null) {
    if (spec.nullable) return;
    if (spec.required === true)
      sink.add(at, spec.name, breach(spec), 'wrong-type', () => `${spec.name} is null; expected ${expectation(spec)}`);
    else
      sink.add(at, spec.name, 'warning', 'null-value', () => `${spec.name} is null; expected ${expectation(spec)} or the field left out`);
    return;
  }
  switch (spec.type) {
    case 'integer':
      return checkInteger(spec, v, at, sink);
    case 'object':
      if (!isJsonObject(v)) wrongType(spec, v, at, sink);
      return;
    case 'array':
      if (!Array.isArray(v)) return wrongType(spec, v, at, sink);
      if (spec.items) checkItems(spec, spec.items, v, [...at, spec.name], sink, scope);
      return;
    default:
      if (typeof v !== 'string') return wrongType(spec, v, at, sink);
      return checkStringFormat(spec, v, at, sink, scope);
  }
}

function checkItems(spec: FieldSpec, items: readonly FieldSpec[], list: JsonValue[], segs: PathSegment[], sink: Sink, scope: Scope): void {
  for (let i = 0; i < list.length; i++) {
    const entry = list[i] as JsonValue;
    if (isJsonObject(entry)) checkObject(entry, items, [...segs, i], sink, scope);
    else sink.add(segs, i, breach(spec), 'wrong-type', () => `${spec.name}[${i}] is ${article(jsonTypeName(entry))}; expected an object`);
  }
}

function checkInteger(spec: FieldSpec, v: JsonValue, at: PathSegment[], sink: Sink): void {
  // Judged on the digits as written: `2.0` and `1e3` are not the integer the contract asks for.
  if (!isLosslessNumber(v) || !/^-?\d+$/.test(v.value)) return wrongType(spec, v, at, sink);
  // Past 16 digits it is beyond 2^53 whatever they are: no BigInt of a sender's million digits.
  const digits = v.value.startsWith('-') ? v.value.slice(1) : v.value;
  if (digits.length > 16 || (digits.length === 16 && BigInt(digits) > MAX_SAFE)) {
    sink.add(
      at,
      spec.name,
      'warning',
      'unsafe-integer',
      () => `${spec.name} ${shorten(v.value)} is beyond 2^53: JSON.parse would read it as ${String(Number(v.value))}; the digits are kept`,
    );
  }
}

function checkStringFormat(spec: FieldSpec, v: string, at: PathSegment[], sink: Sink, scope: Scope): void {
  const show = (): string => `${spec.name} ${JSON.stringify(shorten(v))}`;
  const add = (severity: Severity, code: string, message: () => string): void => sink.add(at, spec.name, severity, code, message);
  switch (spec.type) {
    case 'enum':
      if (!spec.enum || spec.enum.includes(v)) return;
      if (spec.vendorSends?.includes(v))
        add(
          'note',
          'unknown-enum',
          () => `${show()} is not one of ${spec.enum?.join(', ')}. A note, not a warning: the vendor's own example sends it here`,
        );
      else add('warning', 'unknown-enum', () => `${show()} is not one of ${spec.enum?.join(', ')}`);
      return;
    case 'date':
      if (parseDate(v) === null) add(breach(spec), 'bad-date', () => `${show()} is not a date written YYYY-MM-DD`);
      return;
    case 'datetime':
      if (parseIsoUtc(v) === null)
        add(
          breach(spec),
          'bad-datetime',
          () => `${show()} is not an ISO 8601 UTC time like 2023-10-19T06:13:17Z${isZoneless(v) ? ' (it has no time zone)' : ''}`,
        );
      return;
    case 'zoneless-datetime':
      if (parseIsoUtc(v) !== null) return;
      // The vendor's own example writes redial times so: how it sends them, a note and not a warning.
      if (parseZoneless(v, 0) !== null) add('note', 'ambiguous-timezone', () => zonelessMessage(spec.name, v, scope));
      else add(breach(spec), 'bad-datetime', () => `${show()} is neither YYYY-MM-DD HH:MM:SS nor an ISO 8601 UTC time`);
      return;
    case 'decimal-string':
      if (!/^-?\d+(\.\d+)?$/.test(v)) add('warning', 'bad-format', () => `${show()} is not a decimal number like "11.00"`);
      return;
    case 'clock-offset':
      if (!/^\d{2,}:[0-5]\d:[0-5]\d$/.test(v)) add('warning', 'bad-format', () => `${show()} is not an HH:MM:SS offset`);
      return;
    default:
      return;
  }
}

/** Names the raw value and what it means in each zone, against the enclosing call when known. */
function zonelessMessage(name: string, raw: string, scope: Scope): string {
  const readings = REDIAL_READINGS.map(({ label, offsetMinutes }) => {
    const ms = parseZoneless(raw, offsetMinutes) as number;
    const where = scope.callStart ? ` it starts ${describeOffset(ms - scope.callStart.ms, 'the call')}` : '';
    return `read as ${label} (${formatIsoUtc(ms)})${where}`;
  });
  const call = scope.callStart ? ` The call started ${scope.callStart.raw}.` : '';
  return `${name} "${raw}" has no time zone: ${readings.join('; ')}.${call} Shown as written, not converted. A note, not a warning: the vendor's own example writes redial times this way`;
}

function expectation(spec: FieldSpec): string {
  switch (spec.type) {
    case 'integer':
      return 'an integer';
    case 'object':
      return 'an object';
    case 'array':
      return spec.items ? 'an array of objects' : 'an array';
    case 'enum':
      return `a string (one of ${spec.enum?.join(', ') ?? ''})`;
    case 'date':
      return 'a YYYY-MM-DD string';
    case 'datetime':
      return 'an ISO 8601 UTC time string';
    case 'zoneless-datetime':
      return 'a YYYY-MM-DD HH:MM:SS string';
    case 'decimal-string':
      return 'a decimal in a string ("11.00")';
    default:
      return 'a string';
  }
}

function article(typeName: string): string {
  return /^[aeiou]/.test(typeName) ? `an ${typeName}` : typeName === 'null' || typeName === 'nothing' ? typeName : `a ${typeName}`;
}
