import { describe, expect, it } from 'vitest';
import { hasLongLine } from '../../../renderer/src/common/long-lines.js';

describe('a line too long to wrap', () => {
  it('is found wherever it is: first, between others, or last', () => {
    const long = 'x'.repeat(11);
    expect(hasLongLine(long, 10)).toBe(true);
    expect(hasLongLine(`a\n${long}\nb`, 10)).toBe(true);
    expect(hasLongLine(`a\r\nb\n${long}`, 10)).toBe(true);
  });

  it('is not a line of exactly the limit, nor many short lines', () => {
    expect(hasLongLine('x'.repeat(10), 10)).toBe(false);
    expect(hasLongLine(`${'x'.repeat(10)}\n`.repeat(1000), 10)).toBe(false);
    expect(hasLongLine('', 10)).toBe(false);
  });
});
