import { describe, expect, it } from 'vitest';
import { parseSearch } from '../../../renderer/src/inbox/search-syntax.js';

describe('inbox search syntax', () => {
  it('maps each field prefix onto its exact filter', () => {
    expect(parseSearch('CallID:6dbf57 CalleeNumber:+6212345678 TaskID:5023 Status:failed Intention:A')).toEqual({
      callId: '6dbf57',
      callee: '+6212345678',
      taskId: '5023',
      status: 'failed',
      intention: 'A',
    });
  });

  it('sends every other word to full-text search, in order', () => {
    expect(parseSearch('happy Status:finished planet')).toEqual({ status: 'finished', text: 'happy planet' });
  });

  it('reads field names case-insensitively and quoted values with spaces', () => {
    expect(parseSearch('intention:"--" status:"not sure"')).toEqual({ intention: '--', status: 'not sure' });
  });

  it('keeps unknown prefixes and empty values as text rather than dropping them', () => {
    expect(parseSearch('Foo:bar CallID: x')).toEqual({ text: 'Foo:bar CallID: x' });
  });

  it('keeps a colon inside a value', () => {
    expect(parseSearch('CallID:a:b')).toEqual({ callId: 'a:b' });
  });

  it('gives an empty filter for blank input', () => {
    expect(parseSearch('   ')).toEqual({});
  });
});
