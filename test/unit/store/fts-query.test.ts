import { describe, expect, it } from 'vitest';
import { toFtsQuery } from '../../../main/core/store/fts-query.js';

describe('full-text query', () => {
  it('makes every word a quoted prefix term that must match', () => {
    expect(toFtsQuery('happy  planet')).toBe('"happy"* AND "planet"*');
  });

  it('neutralises FTS5 syntax and quotes in user input', () => {
    expect(toFtsQuery('+6212 "x" NEAR(a')).toBe('"+6212"* AND """x""" AND "NEAR(a"');
  });

  it('matches a word ending in a one-character token whole: such a prefix would expand to a large share of the index', () => {
    expect(toFtsQuery('Task-0 p')).toBe('"Task-0" AND "p"');
    expect(toFtsQuery('Task-12 +6 é')).toBe('"Task-12"* AND "+6" AND "é"');
    expect(toFtsQuery('Task- pe')).toBe('"Task-"* AND "pe"*');
  });

  it('returns null when there is nothing to search for', () => {
    expect(toFtsQuery('  - * ')).toBeNull();
  });
});
