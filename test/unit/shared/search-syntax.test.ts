// The one filter language of the inbox search box, the API's `match` and the CLI's `--match`.
import { describe, expect, it } from 'vitest';
import { closestName } from '../../../shared/closest-name.js';
import { calleeSpellings } from '../../../shared/phone-number.js';
import { SEARCH_FIELDS } from '../../../shared/search-fields.js';
import { SEARCH_SYNTAX_SUMMARY, parseSearch, readSearch, searchString } from '../../../shared/search-syntax.js';

describe('search syntax', () => {
  it('maps each field prefix onto its exact filter', () => {
    expect(parseSearch('CallID:6dbf57 CalleeNumber:+6212345678 TaskID:5023 Status:failed Intention:A')).toEqual({
      callId: '6dbf57',
      callee: '+6212345678',
      taskId: '5023',
      status: 'failed',
      intention: 'A',
    });
  });

  it('maps endpoint:, kind:, sign: and has: onto the inbox filters', () => {
    expect(parseSearch('endpoint:qa-1 kind:call-end sign:mismatch has:errors')).toEqual({
      endpoint: 'qa-1',
      kind: 'call-end',
      sign: 'mismatch',
      hasProblems: 'errors',
    });
    expect(parseSearch('has:warnings').hasProblems).toBe('warnings');
    expect(parseSearch('has:notes').hasProblems).toBe('notes');
    expect(parseSearch('has:none').hasProblems).toBe('none');
  });

  it('sends every other word to full-text search, in order', () => {
    expect(parseSearch('happy Status:finished planet')).toEqual({ status: 'finished', text: 'happy planet' });
  });

  it('reads field names case-insensitively and quoted values with spaces', () => {
    expect(parseSearch('intention:"--" status:"not sure"')).toEqual({ intention: '--', status: 'not sure' });
  });

  it("matches the contract's Status and Intention values whatever the case typed (bodies say `failed`, `E`)", () => {
    expect(parseSearch('Status:Failed Intention:e')).toEqual({ status: 'failed', intention: 'E' });
    expect(parseSearch('STATUS:FINISHED KIND:Call-End SIGN:Verified HAS:Errors')).toEqual({
      status: 'finished',
      kind: 'call-end',
      sign: 'verified',
      hasProblems: 'errors',
    });
  });

  it('compares a value outside the contract exactly, as the vendor sent it', () => {
    expect(parseSearch('Status:Busy-ish').status).toBe('Busy-ish');
    expect(parseSearch('CallID:ABC').callId).toBe('ABC');
  });

  it('keeps unknown prefixes and empty values as text rather than dropping them', () => {
    expect(parseSearch('Foo:bar CallID: x')).toEqual({ text: 'Foo:bar CallID: x' });
    expect(parseSearch('CallID:""')).toEqual({ text: 'CallID:""' });
  });

  it('keeps a colon inside a value', () => {
    expect(parseSearch('CallID:a:b')).toEqual({ callId: 'a:b' });
  });

  it('the last of a repeated field wins', () => {
    expect(parseSearch('Status:failed Status:finished')).toEqual({ status: 'finished' });
  });

  it('gives an empty filter for blank input', () => {
    expect(parseSearch('   ')).toEqual({});
  });

  it('reports a value a field cannot take, and keeps it as text for the search box', () => {
    const read = readSearch('kind:xml endpoint:../etc has:maybe CallID:x');
    expect(read.filter).toEqual({ callId: 'x', text: 'kind:xml endpoint:../etc has:maybe' });
    expect(read.problems).toHaveLength(3);
    expect(read.problems[0]).toMatch(/^kind:xml: /);
  });

  it('as API input, an impossible value or an over-long search is an input error', () => {
    expect(searchString.safeParse('CallID:x Status:failed').success).toBe(true);
    const bad = searchString.safeParse('sign:maybe');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/^sign:maybe: /);
    expect(searchString.safeParse('word '.repeat(150)).success).toBe(false);
  });

  it('makes every inbox column a field: TaskName, request (method, path), answer, calls, retry and re-send', () => {
    expect(parseSearch('TaskName:"Collection Q3" method:post path:/hooks/qa/ answer:500 calls:0 retry:yes resend:No')).toEqual({
      taskName: 'Collection Q3',
      method: 'POST',
      path: '/hooks/qa/',
      answer: 500,
      callCount: 0,
      retry: true,
      resend: false,
    });
    expect(parseSearch('answer:NONE retry:no').answer).toBe('none');
    // The columns' own headers name their fields too.
    expect(parseSearch('callee:+6212345678 problems:errors')).toEqual({ callee: '+6212345678', hasProblems: 'errors' });
  });

  it('reports a value those fields cannot take', () => {
    const read = readSearch('answer:ok calls:many retry:maybe answer:2000');
    expect(read.filter).toEqual({ text: 'answer:ok calls:many retry:maybe answer:2000' });
    expect(read.problems.map((p) => p.split(':')[0])).toEqual(['answer', 'calls', 'retry', 'answer']);
  });

  it('names the closest field for a word that names none, and keeps the word as text', () => {
    const read = readSearch('CalleNumber:6212345678 pengiriman');
    expect(read.unknownFields).toEqual(['unknown field CalleNumber: did you mean CalleeNumber?']);
    expect(read.filter).toEqual({ text: 'CalleNumber:6212345678 pengiriman' });
    expect(readSearch('CalleNumber:').unknownFields).toEqual(['unknown field CalleNumber: did you mean CalleeNumber?']);
    expect(readSearch('Stauts:failed Intent:E taskid:1').unknownFields).toEqual([
      'unknown field Stauts: did you mean Status?',
      'unknown field Intent: did you mean Intention?',
    ]);
  });

  it('lists the fields when no field is close to the name', () => {
    const [message] = readSearch('Colour:red').unknownFields;
    expect(message).toMatch(/^unknown field Colour \(fields: CallID, CalleeNumber, TaskID, TaskName, /);
  });

  it('warns of nothing in a quoted phrase, a bare word or a value with colons', () => {
    expect(readSearch('"http://example.com" 14:13:07 CallID:a:b').unknownFields).toEqual([]);
  });

  it('as API input, a word naming no field is an input error, said with the closest field', () => {
    const bad = searchString.safeParse('CalleNumber:x');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toEqual(['unknown field CalleNumber: did you mean CalleeNumber?']);
  });

  it('writes a callee number typed with spaces, dashes or brackets as digits, keeping a leading +', () => {
    expect(parseSearch('CalleeNumber:"+62 (812) 345-678"').callee).toBe('+62812345678');
    expect(parseSearch('CalleeNumber:6212345678').callee).toBe('6212345678');
    expect(parseSearch('CalleeNumber:name1').callee).toBe('name1');
  });

  it('looks a callee number up with and without its +, and anything else as typed', () => {
    expect(calleeSpellings('6212345678')).toEqual(['+6212345678', '6212345678']);
    expect(calleeSpellings('+6212345678')).toEqual(['+6212345678', '6212345678']);
    expect(calleeSpellings('+62 812-345')).toEqual(['+62812345', '62812345']);
    expect(calleeSpellings('name1')).toEqual(['name1']);
  });

  it('names every field in the one-line summary', () => {
    for (const f of SEARCH_FIELDS) expect(SEARCH_SYNTAX_SUMMARY).toContain(` ${f.name}:`);
  });
});

describe('the closest name', () => {
  const known = ['CallID', 'CalleeNumber', 'Status', 'Intention', 'has'];

  it('takes one edit, a swap of two letters, or the start of a longer name, case aside', () => {
    expect(closestName('calleenumbr', known)).toBe('CalleeNumber');
    expect(closestName('STAUTS', known)).toBe('Status');
    expect(closestName('Intent', known)).toBe('Intention');
    expect(closestName('Call', known)).toBe('CallID');
  });

  it('gives none when every name is far', () => {
    expect(closestName('Foo', known)).toBeNull();
    expect(closestName('x', known)).toBeNull();
  });
});
