import { readFileSync } from 'node:fs';
import { stringify, parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { DETAIL_FIELDS } from '../../../shared/contract/fields.js';
import { FIELD_GROUPS, fieldRows, parseCall } from '../../../renderer/src/call/call-fields.js';
import { transcript } from '../../../renderer/src/call/transcript.js';
import { prettyJson } from '../../../renderer/src/delivery/pretty-json.js';
import { MAX_BUILD_DEPTH, parseJson } from '../../../shared/json/lossless-parse.js';

const seedCall = () => {
  const body = parse(readFileSync(new URL('../../fixtures/seed-example.json', import.meta.url), 'utf8')) as { Details: unknown[] };
  return parseCall(stringify(body.Details[0], undefined, 2)!)!;
};

describe('per-call fields', () => {
  it('lists all 34 contract fields in the page order, absent ones included, then fields outside the contract', () => {
    const call = seedCall();
    call.Surprise = 'x';
    const rows = fieldRows(call);
    expect(rows.slice(0, 34).map((r) => r.name)).toEqual(DETAIL_FIELDS.map((f) => f.name));
    expect(rows.find((r) => r.name === 'Slots')).toMatchObject({ value: undefined });
    expect(rows.find((r) => r.name === 'Multi_intention')).toMatchObject({ value: undefined });
    expect(rows.slice(34)).toEqual([{ name: 'Surprise', spec: null, value: 'x' }]);
  });

  it('groups every contract field exactly once', () => {
    const grouped = FIELD_GROUPS.flatMap((g) => g.names);
    expect([...grouped].sort()).toEqual(DETAIL_FIELDS.map((f) => f.name).sort());
  });

  it('keeps an integer beyond 2^53 with its exact digits', () => {
    const call = parseCall('{"id": 123456789012345678901}')!;
    expect(String(fieldRows(call)[0]!.value)).toBe('123456789012345678901');
  });

  it('is null for a Details entry that is not an object', () => {
    expect(parseCall('[1]')).toBeNull();
    expect(parseCall('not json')).toBeNull();
  });
});

describe('transcript', () => {
  it('shows the robot and the callee as separate bubbles with the time offset as written', () => {
    const asr = parseCall(
      '{"a":[{"time":"00:00:00","robottext":"Halo","text":""},{"time":"00:00:04","robottext":"Bisa?","text":"ya"}]}',
    )!.a;
    expect(transcript(asr)).toEqual([
      { speaker: 'robot', time: '00:00:00', text: 'Halo' },
      { speaker: 'robot', time: '00:00:04', text: 'Bisa?' },
      { speaker: 'callee', time: '00:00:04', text: 'ya' },
    ]);
  });

  it('shows entries that are not turn objects instead of dropping them', () => {
    expect(transcript(parseCall('{"a":[42]}')!.a)).toEqual([{ speaker: 'other', time: null, text: '42' }]);
  });

  it('is empty without AsrResult and null when AsrResult is not an array', () => {
    expect(transcript(undefined)).toEqual([]);
    expect(transcript('text')).toBeNull();
  });
});

describe('pretty JSON', () => {
  it('indents without rounding big integers or changing decimals', () => {
    const pretty = prettyJson('{"id":123456789012345678901,"amount":11.00,"x":[1e400]}');
    expect(pretty).toEqual({ ok: true, text: '{\n  "id": 123456789012345678901,\n  "amount": 11.00,\n  "x": [\n    1e400\n  ]\n}' });
  });

  it('reports text that is not JSON instead of throwing', () => {
    expect(prettyJson('{"a":')).toMatchObject({ ok: false, error: expect.any(String) });
  });

  it('formats a body with a duplicate key, as ingest reads it (the last value), with the duplicate noted as ingest reports it', () => {
    const body = '{"TaskID":"a","TaskID":"b","Sign":"s"}';
    expect(prettyJson(body)).toEqual({ ok: true, text: '{\n  "TaskID": "b",\n  "Sign": "s"\n}', problems: parseJson(body).problems });
    expect(parseJson(body).problems).toEqual([expect.objectContaining({ path: 'TaskID', code: 'duplicate-key' })]);
  });

  it('formats a body nested past the build depth with the depth noted, instead of overflowing the stack', () => {
    const deep = '['.repeat(50_000) + ']'.repeat(50_000);
    const pretty = prettyJson(deep);
    expect(pretty).toMatchObject({ ok: true, problems: [expect.objectContaining({ code: 'depth-limit' })] });
    expect(pretty.ok && pretty.text.split('\n').length).toBe(2 * MAX_BUILD_DEPTH + 1); // 1,000 levels opened, null, closed
  });
});
