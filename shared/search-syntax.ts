// The one filter language of the inbox search box, the API's `match` and the CLI's `--match`
// (reference: docs/SEARCH.md). `Name:value` words become exact DeliveryFilter fields (index
// look-ups); every other word is full-text search. Values may be quoted: `Intention:"--"`.
import { z } from 'zod';
import { deliveryFilter, type DeliveryFilter } from './api-schemas.js';
import { CALL_STATUSES, INTENTIONS } from './contract/fields.js';

export type SearchFields = Omit<DeliveryFilter, 'from' | 'to'>;
type FieldKey = Exclude<keyof SearchFields, 'text'>;

/** Values the contract spells one way match whatever the case typed; any other value is compared exactly. */
const canonical = (values: readonly string[]) => {
  const byLower = new Map(values.map((v) => [v.toLowerCase(), v]));
  return (value: string) => byLower.get(value.toLowerCase()) ?? value;
};
const lower = (value: string) => value.toLowerCase();

/** Field names (case-insensitive) → the filter field and how its value is normalised. */
const FIELDS: Record<string, { key: FieldKey; normalise?: (value: string) => string }> = {
  callid: { key: 'callId' },
  calleenumber: { key: 'callee' },
  taskid: { key: 'taskId' },
  // The contract's statuses are lower case (`failed`); `Status:Failed` means the same.
  status: { key: 'status', normalise: canonical(CALL_STATUSES) },
  intention: { key: 'intention', normalise: canonical(INTENTIONS) },
  endpoint: { key: 'endpoint' },
  kind: { key: 'kind', normalise: lower },
  sign: { key: 'sign', normalise: lower },
  has: { key: 'hasProblems', normalise: lower },
};

/** One line for search boxes and --help; docs/SEARCH.md has the rest. */
export const SEARCH_SYNTAX_SUMMARY =
  'words (full text) and CallID: CalleeNumber: TaskID: Status: Intention: endpoint: kind: sign: has:errors|warnings|notes|none';

/** A token is `Name:"quoted value"`, `Name:value`, a quoted phrase or a bare word. */
const TOKEN = /([A-Za-z_]+):"([^"]*)"|([A-Za-z_]+):(\S+)|"[^"]*"|\S+/g;

export interface ReadSearch {
  filter: SearchFields;
  /** Field words whose value the field cannot take (`kind:xml`); they were kept as full text. */
  problems: string[];
}

/** Reads a search string. Unknown names, empty and invalid values stay full text, so nothing typed is dropped. */
export function readSearch(input: string): ReadSearch {
  const filter: SearchFields = {};
  const text: string[] = [];
  const problems: string[] = [];
  for (const m of input.matchAll(TOKEN)) {
    const name = (m[1] ?? m[3])?.toLowerCase();
    const raw = m[2] ?? m[4];
    const spec = name === undefined ? undefined : FIELDS[name];
    if (!spec || !raw) {
      text.push(m[0]);
      continue;
    }
    const value = spec.normalise ? spec.normalise(raw) : raw;
    const checked = deliveryFilter.shape[spec.key].safeParse(value);
    if (checked.success) {
      (filter as Record<FieldKey, unknown>)[spec.key] = value;
    } else {
      problems.push(`${m[0]}: ${checked.error.issues.map((i) => i.message).join('; ')}`);
      text.push(m[0]);
    }
  }
  if (text.length) filter.text = text.join(' ');
  return { filter, problems };
}

/** The search box: lenient, whatever was typed becomes a filter. */
export function parseSearch(input: string): SearchFields {
  return readSearch(input).filter;
}

/** A search string as API input: a field word with an impossible value is an input error there. */
export const searchString = z
  .string()
  .max(1000)
  .superRefine((value, ctx) => {
    const { filter, problems } = readSearch(value);
    for (const message of problems) ctx.addIssue({ code: 'custom', message });
    // The words left for full text have their own bound.
    const whole = deliveryFilter.safeParse(filter);
    if (!whole.success) for (const i of whole.error.issues) ctx.addIssue({ code: 'custom', message: `${i.path.join('.')}: ${i.message}` });
  });
