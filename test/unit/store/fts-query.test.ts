import { describe, expect, it } from 'vitest';
import { toFtsQuery } from '../../../main/core/store/fts-query.js';

describe('full-text query', () => {
  it('makes every word a quoted prefix term that must match', () => {
    expect(toFtsQuery('happy  planet')).toBe('"happy"* AND "planet"*');
  });

  it('neutralises FTS5 syntax and quotes in user input', () => {
    expect(toFtsQuery('+6212 "x" NEAR(a')).toBe('"+6212"* AND """x"""* AND "NEAR(a"*');
  });

  it('returns null when there is nothing to search for', () => {
    expect(toFtsQuery('  - * ')).toBeNull();
  });
});
