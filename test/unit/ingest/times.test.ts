import { describe, it, expect } from 'vitest';
import { describeOffset, formatDuration, parseDate, parseIsoUtc, parseZoneless } from '../../../shared/contract/times.js';

describe('contract time formats', () => {
  it('reads ISO 8601 UTC with or without a fraction, and nothing else', () => {
    expect(parseIsoUtc('2023-10-19T06:13:17Z')).toBe(Date.UTC(2023, 9, 19, 6, 13, 17));
    expect(parseIsoUtc('2023-10-19T06:13:17.5Z')).toBe(Date.UTC(2023, 9, 19, 6, 13, 17, 500));
    for (const bad of [
      '2023-10-19T06:13:17',
      '2023-10-19T06:13:17+00:00',
      '2023-10-19 06:13:17Z',
      '2023-10-19T24:00:00Z',
      '2023-10-19T06:60:00Z',
    ])
      expect(parseIsoUtc(bad), bad).toBeNull();
  });

  it('checks dates against the calendar, leap years included', () => {
    expect(parseDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseDate('2023-02-29')).toBeNull();
    expect(parseDate('2100-02-29')).toBeNull();
    expect(parseDate('2000-02-29')).not.toBeNull();
    expect(parseDate('0099-01-01')).toBe(new Date('0099-01-01T00:00:00Z').getTime());
  });

  it('reads a zoneless time in a chosen zone: 14:13:07 at UTC+8 is 06:13:07Z', () => {
    expect(parseZoneless('2023-10-19 14:13:07', 480)).toBe(Date.UTC(2023, 9, 19, 6, 13, 7));
    expect(parseZoneless('2023-10-19 14:13:07', 0)).toBe(Date.UTC(2023, 9, 19, 14, 13, 7));
    expect(parseZoneless('2023-10-19T14:13:07', 0)).toBeNull();
  });

  it('describes gaps in words', () => {
    expect(formatDuration(28_790_000)).toBe('7 h 59 min 50 s');
    expect(formatDuration(-10_000)).toBe('10 s');
    expect(formatDuration(90_061_000)).toBe('1 d 1 h 1 min 1 s');
    expect(describeOffset(-10_000, 'the call')).toBe('10 s before the call');
    expect(describeOffset(400, 'the call')).toBe('at the same second as the call');
  });
});
