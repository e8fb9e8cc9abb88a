// A call's fields in the contract's order (all 34, present or not), then any fields the contract does
// not know, each paired with its documentation from shared/contract/fields.ts.
import { DETAIL_FIELDS, type FieldSpec } from '../../../shared/contract/fields.js';
import { field, isJsonObject, type JsonObject, type JsonValue } from '../../../shared/contract/json-value.js';
import { parseJson } from '../../../shared/json/lossless-parse.js';

export interface FieldRow {
  name: string;
  /** Null for a field the contract does not define. */
  spec: FieldSpec | null;
  /** Undefined when the payload does not carry the field. */
  value: JsonValue | undefined;
}

/** The call object from CallDetail.json (lossless text); null when it is not an object. */
export function parseCall(json: string): JsonObject | null {
  const parsed = parseJson(json);
  return parsed.ok && isJsonObject(parsed.value) ? parsed.value : null;
}

export function fieldRows(call: JsonObject): FieldRow[] {
  const known = new Set(DETAIL_FIELDS.map((f) => f.name));
  return [
    ...DETAIL_FIELDS.map((spec) => ({ name: spec.name, spec, value: field(call, spec.name) })),
    ...Object.keys(call)
      .filter((name) => !known.has(name))
      .map((name) => ({ name, spec: null, value: field(call, name) })),
  ];
}

/** The contract's groups, for the sections of the call view. */
export const FIELD_GROUPS: Array<{ title: string; names: readonly string[] }> = [
  {
    title: 'Call',
    names: [
      'id',
      'CallID',
      'RobotID',
      'CalleeName',
      'CalleeGender',
      'CalleeNumber',
      'caller_number',
      'CallStartTime',
      'CallEndTime',
      'Status',
      'Intention',
      'intention_description',
      'CallTimes',
      'RingType',
      'RingTime',
      'HangupType',
      'TalkRound',
      'Comments',
      'call_notes',
    ],
  },
  { title: 'Labels and slots', names: ['EventLabel', 'NerSlots', 'Slots', 'Multi_intention'] },
  {
    title: 'Collection scenario',
    names: ['BorrowedDate', 'DueDate', 'BorrowedAmount', 'TotalOwingAmount', 'CurrencyUnit', 'PlatformName'],
  },
  { title: 'Pass-through', names: ['ExtraA', 'ExtraB', 'ExtraC'] },
  { title: 'Transcript and redials, as sent', names: ['AsrResult', 'RedailCall'] },
];
