import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { CALL_END_FIELDS, DETAIL_FIELDS, REDIAL_FIELDS } from '../../../shared/contract/fields.js';

const seed = JSON.parse(readFileSync(new URL('../../fixtures/seed-example.json', import.meta.url), 'utf8'));

describe('the contract table', () => {
  it('lists the five top-level fields, PlanName the only optional one', () => {
    expect(CALL_END_FIELDS.map((f) => `${f.name}:${String(f.required)}`)).toEqual([
      'TaskID:true',
      'TaskName:true',
      'Sign:true',
      'PlanName:false',
      'Details:true',
    ]);
  });

  it("lists the 34 Details fields in the page's order", () => {
    expect(DETAIL_FIELDS).toHaveLength(34);
    expect(DETAIL_FIELDS[0]?.name).toBe('id');
    expect(DETAIL_FIELDS.map((f) => f.name).slice(19, 23)).toEqual(['RingType', 'HangupType', 'Slots', 'NerSlots']);
    expect(DETAIL_FIELDS[33]?.name).toBe('caller_number');
  });

  it('marks Status, RingType and HangupType as shown without a marker', () => {
    expect(DETAIL_FIELDS.filter((f) => f.required === 'unmarked').map((f) => f.name)).toEqual(['Status', 'RingType', 'HangupType']);
  });

  it('lists the 8 RedailCall fields, with types read from the example', () => {
    expect(REDIAL_FIELDS.map((f) => f.name)).toEqual([
      'CallID',
      'CallStartTime',
      'RingType',
      'RingTime',
      'HangupType',
      'ResultLabel',
      'caller_number',
      'callee_number',
    ]);
    expect(REDIAL_FIELDS.every((f) => f.inferred)).toBe(true);
  });

  it('matches the example: every Details field but Slots and Multi_intention is in it, and nothing else', () => {
    const inExample = Object.keys(seed.Details[0]).sort();
    const listed = DETAIL_FIELDS.map((f) => f.name).filter((n) => n !== 'Slots' && n !== 'Multi_intention');
    expect(inExample).toEqual([...listed].sort());
  });

  it('gives every field a note for the UI, and every enum its values', () => {
    for (const f of [...CALL_END_FIELDS, ...DETAIL_FIELDS, ...REDIAL_FIELDS]) {
      expect(f.note.length, f.name).toBeGreaterThan(5);
      if (f.type === 'enum') expect(f.enum?.length, f.name).toBeGreaterThan(1);
    }
  });
});
