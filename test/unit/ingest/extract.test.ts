import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  MAX_CALL_END_SEARCH_TEXT,
  MAX_SEARCH_TEXT,
  extractCallEnd,
  jsonSearchText,
  textSearchText,
} from '../../../main/core/ingest/extract.js';
import { parseJson } from '../../../shared/json/lossless-parse.js';
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
        redials: [
          {
            index: 0,
            callId: '138582ba03c98aeb04f2318cfa38c823',
            calleeNumber: '+6212345678',
            callerNumber: '+8613661834220',
            startTimeRaw: '2023-10-19 14:13:07',
            ringType: '',
            ringTime: 3,
            hangupType: 'ByCallee',
            resultLabel: 'F',
          },
        ],
      },
    ]);
  });

  it('turns missing and wrong-typed fields into nulls instead of throwing', () => {
    const x = extractCallEnd(
      parse(
        '{"TaskID":5,"Details":[{"CallID":7,"CallStartTime":"2023-10-19T06:13:17Z","CallEndTime":"later","RedailCall":[{"RingTime":"3"},"junk"]},"junk",null]}',
      ),
    );
    expect(x.taskId).toBeNull();
    expect(x.calls).toHaveLength(3);
    expect(x.calls[0]).toMatchObject({ index: 0, callId: null, startTime: '2023-10-19T06:13:17Z', durationSec: null });
    expect(x.calls[0]?.redials).toEqual([
      expect.objectContaining({ index: 0, ringTime: null }),
      expect.objectContaining({ index: 1, callId: null }),
    ]);
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
    for (const piece of [
      'Task-001',
      'Plan_001',
      'name1',
      '+6212345678',
      '+8613661834220',
      '6dbf57adc3ecf4f4bfd5efe85ccad659',
      '138582ba03c98aeb04f2318cfa38c823',
      'C12345567',
      'xxxxx',
      'Hang_up_by_customer',
      'ATM',
      'promised to pay Friday',
      'selamat datang',
    ]) {
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
    expect(jsonSearchText(parse(JSON.stringify(Array.from({ length: 100 }, () => 'x'.repeat(1000))))).length).toBeLessThanOrEqual(
      MAX_SEARCH_TEXT,
    );
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

describe('index limits (a sender chooses how many calls a body holds; the index does not grow with it)', () => {
  const body = (calls: number, redials: number, turns = 0): JsonObject => {
    const one = seed();
    const call = (one.Details as JsonObject[])[0]!;
    const redial = (call.RedailCall as JsonObject[])[0]!;
    const turn = { robottext: 'robot', text: 'caller' };
    one.Details = Array.from({ length: calls }, (_, i) => ({
      ...call,
      CallID: `call-${i}`,
      RedailCall: Array.from({ length: redials }, (_, r) => ({ ...redial, CallID: `redial-${i}-${r}` })),
      AsrResult: Array.from({ length: turns }, (_, t) => ({ ...turn, text: `turn-${i}-${t}` })),
    }));
    return one;
  };
  const limits = { maxValues: Infinity, maxCalls: 5, maxRedialsPerCall: 3, maxTranscriptTurns: 2, maxDerivedRows: 1_000 };

  it('indexes the first maxCalls calls and says how many the body holds', () => {
    const x = extractCallEnd(body(8, 0), limits);
    expect(x.calls.map((c) => c.callId)).toEqual(['call-0', 'call-1', 'call-2', 'call-3', 'call-4']);
    expect(x.problems).toEqual([
      expect.objectContaining({
        code: 'index-limit',
        path: '$.Details',
        message: expect.stringContaining('Details holds 8 calls; the first 5'),
      }),
    ]);
    expect(x.searchText).toContain('call-4');
    expect(x.searchText).not.toContain('call-5');
  });

  it('indexes the first maxRedialsPerCall redials of each call and counts the ones left out', () => {
    const x = extractCallEnd(body(2, 5), limits);
    expect(x.calls.map((c) => c.redials.length)).toEqual([3, 3]);
    expect(x.problems.map((p) => p.message)).toEqual([expect.stringContaining('4 RedailCall entries past 3 a call')]);
  });

  it('stops at maxDerivedRows call and redial rows together, the last call taking only the redials that fit', () => {
    const x = extractCallEnd(body(4, 3), { ...limits, maxDerivedRows: 10 });
    expect(x.calls.length + x.calls.reduce((n, c) => n + c.redials.length, 0)).toBe(10);
    expect(x.calls.map((c) => c.redials.length)).toEqual([3, 3, 1]);
    expect(x.problems.map((p) => p.code)).toEqual(['index-limit', 'index-limit']);
  });

  it('reads at most maxTranscriptTurns turns of each call into the search text', () => {
    const x = extractCallEnd(body(1, 0, 5), limits);
    expect(x.searchText).toContain('turn-0-1');
    expect(x.searchText).not.toContain('turn-0-2');
  });

  it('says nothing and cuts nothing under the defaults for the seed example', () => {
    expect(extractCallEnd(seed()).problems).toEqual([]);
  });
});
