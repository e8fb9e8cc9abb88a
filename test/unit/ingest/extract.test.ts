import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { MAX_CALL_END_SEARCH_TEXT, MAX_SEARCH_TEXT, extractCallEnd, jsonSearchText, textSearchText } from '../../../main/core/ingest/extract.js';
import { parseJson } from '../../../main/core/ingest/lossless-parse.js';
import type { JsonObject, JsonValue } from '../../../shared/contract/json-value.js';

const SEED = readFileSync(new URL('../../fixtures/seed-example.json', import.meta.url), 'utf8');
function parse(text: string): JsonValue {
  const r = parseJson(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
const seed = (): JsonObject => parse(SEED) as JsonObject;

describe('call-end index rows', () => {
  it("indexes the page's example: task fields, one call with its duration, one redial with its raw time", () => {
    const x = extractCallEnd(seed());
    expect(x).toMatchObject({ taskId: '502380771007633e8d8b859ebf76970a', taskName: 'Task-001', planName: 'Plan_001' });
    expect(x.calls).toEqual([
      {
        index: 0,
        callId: '6dbf57adc3ecf4f4bfd5efe85ccad659',
        calleeNumber: '+6212345678',
        calleeName: 'name1',
        status: 'finished',
        intention: 'E',
        startTime: '2023-10-19T06:13:17Z',
        endTime: '2023-10-19T06:13:26Z',
        durationSec: 9,
        ringType: 'normal',
        ringTime: 3,
        hangupType: 'ByCallee',
        redials: [{ index: 0, callId: '138582ba03c98aeb04f2318cfa38c823', calleeNumber: '+6212345678', callerNumber: '+8613661834220', startTimeRaw: '2023-10-19 14:13:07', ringType: '', ringTime: 3, hangupType: 'ByCallee', resultLabel: 'F' }],
      },
    ]);
  });

  it('turns missing and wrong-typed fields into nulls instead of throwing', () => {
    const x = extractCallEnd(parse('{"TaskID":5,"Details":[{"CallID":7,"CallStartTime":"2023-10-19T06:13:17Z","CallEndTime":"later","RedailCall":[{"RingTime":"3"},"junk"]},"junk",null]}'));
    expect(x.taskId).toBeNull();
    expect(x.calls).toHaveLength(3);
    expect(x.calls[0]).toMatchObject({ index: 0, callId: null, startTime: '2023-10-19T06:13:17Z', durationSec: null });
    expect(x.calls[0]?.redials).toEqual([expect.objectContaining({ index: 0, ringTime: null }), expect.objectContaining({ index: 1, callId: null })]);
    expect(x.calls[2]).toMatchObject({ index: 2, callId: null, redials: [] });
  });

  it('keeps a negative duration when the call ends before it starts', () => {
    const x = extractCallEnd(parse('{"Details":[{"CallStartTime":"2023-10-19T06:13:17Z","CallEndTime":"2023-10-19T06:13:07Z"}]}'));
    expect(x.calls[0]?.durationSec).toBe(-10);
  });

  it('gives no calls when Details is missing or not an array, and accepts a body that is not an object', () => {
    expect(extractCallEnd(parse('{"TaskID":"t","Details":{}}')).calls).toEqual([]);
    expect(extractCallEnd(parse('[1]'))).toMatchObject({ taskId: null, calls: [], searchText: '' });
  });
});

describe('search text', () => {
  it('holds names, numbers, CallIDs, comments, descriptions, labels, slots, notes and the transcript', () => {
    const body = seed();
    (body['Details'] as JsonObject[])[0]!['call_notes'] = 'promised to pay Friday';
    const text = extractCallEnd(body).searchText;
    for (const piece of ['Task-001', 'Plan_001', 'name1', '+6212345678', '+8613661834220', '6dbf57adc3ecf4f4bfd5efe85ccad659', '138582ba03c98aeb04f2318cfa38c823', 'C12345567', 'xxxxx', 'Hang_up_by_customer', 'ATM', 'promised to pay Friday', 'selamat datang']) {
      expect(text, piece).toContain(piece);
    }
    expect(text).not.toContain('2023-10-19');
  });

  it("puts every call's identifiers before any transcript, so long transcripts cannot push a callee out", () => {
    const turns = Array.from({ length: 200 }, () => ({ time: '00:00:01', robottext: 'r'.repeat(10_000), text: '' }));
    const details = Array.from({ length: 3 }, (_, i) => ({ CalleeName: `callee-${i}`, AsrResult: turns }));
    const text = extractCallEnd(parse(JSON.stringify({ TaskID: 't', Sign: 's', Details: details }))).searchText;
    expect(text.length).toBeLessThanOrEqual(MAX_CALL_END_SEARCH_TEXT);
    expect(text).toContain('callee-2');
  });

  it('collects the string values of other JSON in document order, bounded', () => {
    expect(jsonSearchText(parse('{"a":"one","b":[1,"two",{"c":"three"}],"d":null}'))).toBe('one\ntwo\nthree');
    expect(jsonSearchText(parse(JSON.stringify(Array.from({ length: 100 }, () => 'x'.repeat(1000))))).length).toBeLessThanOrEqual(MAX_SEARCH_TEXT);
  });

  it('walks deeply nested JSON without recursion (100,000 levels, built past the parser default)', () => {
    const n = 100_000;
    const r = parseJson('['.repeat(n) + '"bottom"' + ']'.repeat(n), { maxBuildDepth: n });
    expect(r.ok && jsonSearchText(r.value)).toBe('bottom');
  });

  it('takes the start of a text body, and nothing from a binary one', () => {
    expect(textSearchText('a=1&b=2')).toBe('a=1&b=2');
    expect(textSearchText('y'.repeat(MAX_SEARCH_TEXT + 10))).toHaveLength(MAX_SEARCH_TEXT);
    expect(textSearchText(null)).toBe('');
  });
});
