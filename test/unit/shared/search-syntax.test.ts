// The one filter language of the inbox search box, the API's `match` and the CLI's `--match`.
import { describe, expect, it } from 'vitest';
import { parseSearch, readSearch, searchString } from '../../../shared/search-syntax.js';

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
});
