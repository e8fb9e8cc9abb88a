// The one filter language of the inbox search box, the API's `match` and the CLI's `--match`
// (reference: docs/SEARCH.md). `Name:value` words become exact DeliveryFilter fields (search-fields.ts;
// index look-ups where there is an index); every other word is full-text search. Values may be quoted:
// `Intention:"--"`.
import { z } from 'zod';
import { deliveryFilter, type DeliveryFilter } from './api-schemas.js';
import { closestName } from './closest-name.js';
import { FIELD_NAMES, SEARCH_FIELDS, fieldNamed, type FieldKey } from './search-fields.js';

export type SearchFields = Omit<DeliveryFilter, 'from' | 'to'>;

/** One line for search boxes and --help; docs/SEARCH.md has the rest. */
export const SEARCH_SYNTAX_SUMMARY = `words (full text) and ${SEARCH_FIELDS.map((f) => `${f.name}:`).join(' ')} (has:errors|warnings|notes|none)`;

/** A token is `Name:"quoted value"`, `Name:value` (perhaps empty), a quoted phrase or a bare word. */
const TOKEN = /([A-Za-z_]+):(?:"([^"]*)"|(\S*))|"[^"]*"|\S+/g;

export interface ReadSearch {
  filter: SearchFields;
  /** Field words whose value the field cannot take (`kind:xml`); they were kept as full text. */
  problems: string[];
  /**
   * Words that name no field (`CalleNumber:x`), each said with the closest field; they were kept as
   * full text, where they can hardly match (the search box shows these, the API and `wait` refuse).
   */
  unknownFields: string[];
}

function unknownField(name: string): string {
  const near = closestName(name, FIELD_NAMES);
  return near
    ? `unknown field ${name}: did you mean ${fieldNamed(near)!.name}?`
    : `unknown field ${name} (fields: ${SEARCH_FIELDS.map((f) => f.name).join(', ')})`;
}

/** Reads a search string. Unknown names, empty and invalid values stay full text, so nothing typed is dropped. */
export function readSearch(input: string): ReadSearch {
  const filter: SearchFields = {};
  const text: string[] = [];
  const problems: string[] = [];
  const unknownFields: string[] = [];
  for (const m of input.matchAll(TOKEN)) {
    const name = m[1];
    const raw = m[2] ?? m[3];
    const spec = name === undefined ? undefined : fieldNamed(name);
    if (name !== undefined && !spec) unknownFields.push(unknownField(name));
    if (!spec || !raw) {
      text.push(m[0]);
      continue;
    }
    const value = spec.read ? spec.read(raw) : raw;
    const checked = deliveryFilter.shape[spec.key].safeParse(value);
    if (checked.success) {
      (filter as Record<FieldKey, unknown>)[spec.key] = value;
    } else {
      problems.push(`${m[0]}: ${checked.error.issues.map((i) => i.message).join('; ')}`);
      text.push(m[0]);
    }
  }
  if (text.length) filter.text = text.join(' ');
  return { filter, problems, unknownFields };
}

/** The search box: lenient, whatever was typed becomes a filter. */
export function parseSearch(input: string): SearchFields {
  return readSearch(input).filter;
}

/**
 * A search string as API input: a field word with an impossible value, or a word naming no field, is
 * an input error there: a script waiting on a typo would otherwise wait for ever.
 */
export const searchString = z
  .string()
  .max(1000)
  .superRefine((value, ctx) => {
    const { filter, problems, unknownFields } = readSearch(value);
    for (const message of [...unknownFields, ...problems]) ctx.addIssue({ code: 'custom', message });
    // The words left for full text have their own bound.
    const whole = deliveryFilter.safeParse(filter);
    if (!whole.success) for (const i of whole.error.issues) ctx.addIssue({ code: 'custom', message: `${i.path.join('.')}: ${i.message}` });
  });
