import { describe, expect, it } from 'vitest';
import { problemOrder } from '../../../renderer/src/delivery/problem-order.js';
import type { Problem } from '../../../shared/model.js';

const p = (code: string, severity: Problem['severity']): Problem => ({ path: '$', severity, code, message: code });

describe("the order of a delivery's problems", () => {
  it('lists what was cut first, then errors, then warnings, then notes, each in the order found', () => {
    const found = [
      p('ambiguous-timezone', 'note'),
      p('unknown-field', 'warning'),
      p('missing-field', 'error'),
      p('index-limit', 'warning'),
      p('wrong-type', 'error'),
      p('value-limit', 'warning'),
      p('more-problems', 'error'),
    ];
    expect(problemOrder(found).map((x) => x.code)).toEqual([
      'index-limit',
      'value-limit',
      'missing-field',
      'wrong-type',
      'more-problems',
      'unknown-field',
      'ambiguous-timezone',
    ]);
  });

  it('keeps a cut that is an error (not derivable, truncated) among the cuts, ahead of contract errors', () => {
    expect(problemOrder([p('missing-field', 'error'), p('not-derivable', 'error'), p('truncated', 'error')]).map((x) => x.code)).toEqual([
      'not-derivable',
      'truncated',
      'missing-field',
    ]);
  });
});
