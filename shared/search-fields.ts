// The fields of the search language (docs/SEARCH.md): one for each inbox column, what it filters
// and how a typed value is read. The parser (search-syntax.ts) and the search box's completion use it.
import type { DeliveryFilter } from './api-schemas.js';
import { CALL_STATUSES, INTENTIONS } from './contract/fields.js';
import { phoneText } from './phone-number.js';

export type FieldKey = Exclude<keyof DeliveryFilter, 'from' | 'to' | 'text'>;

export interface SearchField {
  /** As docs and completion write it; matched whatever the case. */
  name: string;
  /** Other names it answers to: the inbox column's header, where that differs. */
  aliases?: readonly string[];
  key: FieldKey;
  /** What it matches, in a few words (completion shows it). */
  about: string;
  /** Its values, when they are a few (completion offers them). */
  values?: readonly string[];
  /** The typed text as the filter's value; the filter's schema then checks it. */
  read?: (value: string) => unknown;
}

/** Values the contract spells one way match whatever the case typed; any other value is compared exactly. */
const canonical = (values: readonly string[]) => {
  const byLower = new Map(values.map((v) => [v.toLowerCase(), v]));
  return (value: string) => byLower.get(value.toLowerCase()) ?? value;
};
const lower = (value: string) => value.toLowerCase();
/** Digits as a number; anything else stays text, which the schema refuses with its own message. */
const whole = (value: string) => (/^\d{1,9}$/.test(value) ? Number(value) : value);
const yesNo = (value: string) => ({ yes: true, no: false })[value.toLowerCase() as 'yes' | 'no'] ?? value;

export const SEARCH_FIELDS: readonly SearchField[] = [
  { name: 'CallID', key: 'callId', about: "a call's or redial's CallID" },
  // Written as digits (`+62 812-345` → `+62812345`); the store also looks for it with or without the +.
  { name: 'CalleeNumber', aliases: ['callee'], key: 'callee', about: "a call's or redial's number, with or without +", read: phoneText },
  { name: 'TaskID', key: 'taskId', about: 'the task id' },
  { name: 'TaskName', key: 'taskName', about: 'the task name, exactly' },
  // The contract's statuses are lower case (`failed`); `Status:Failed` means the same.
  { name: 'Status', key: 'status', about: "a call's status", values: CALL_STATUSES, read: canonical(CALL_STATUSES) },
  { name: 'Intention', key: 'intention', about: "a call's intention label", values: INTENTIONS, read: canonical(INTENTIONS) },
  { name: 'endpoint', key: 'endpoint', about: 'the endpoint it arrived at' },
  { name: 'kind', key: 'kind', about: 'what the body is', values: ['call-end', 'json', 'not-json'], read: lower },
  { name: 'sign', key: 'sign', about: 'the Sign check', values: ['verified', 'mismatch', 'not-checked'], read: lower },
  {
    name: 'has',
    aliases: ['problems'],
    key: 'hasProblems',
    about: 'contract problems',
    values: ['errors', 'warnings', 'notes', 'none'],
    read: lower,
  },
  { name: 'method', key: 'method', about: 'the HTTP method', values: ['POST', 'GET', 'PUT'], read: (v) => v.toUpperCase() },
  { name: 'path', key: 'path', about: 'the request path, exactly' },
  {
    name: 'answer',
    key: 'answer',
    about: 'the status answered, or none',
    values: ['200', '500', 'none'],
    read: (v) => (v.toLowerCase() === 'none' ? 'none' : whole(v)),
  },
  { name: 'calls', key: 'callCount', about: 'how many calls it holds', read: whole },
  { name: 'retry', key: 'retry', about: 'a vendor retry (attempt 2+), or not', values: ['yes', 'no'], read: yesNo },
  { name: 'resend', key: 'resend', about: "this app's own re-send, or not", values: ['yes', 'no'], read: yesNo },
];

const BY_NAME = new Map(SEARCH_FIELDS.flatMap((f) => [f.name, ...(f.aliases ?? [])].map((n) => [n.toLowerCase(), f] as const)));

/** The field a name (or alias) means, whatever its case. */
export const fieldNamed = (name: string): SearchField | undefined => BY_NAME.get(name.toLowerCase());

/** Every name a field answers to, as written. */
export const FIELD_NAMES: readonly string[] = SEARCH_FIELDS.flatMap((f) => [f.name, ...(f.aliases ?? [])]);
