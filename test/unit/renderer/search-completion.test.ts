// What the inbox's search box offers as you type, and what taking an offer writes.
import { describe, expect, it } from 'vitest';
import { applyCompletion, completionsAt } from '../../../renderer/src/inbox/search-completion.js';

const labels = (text: string, caret = text.length) => completionsAt(text, caret)?.items.map((i) => i.label) ?? [];

describe('search completion', () => {
  it('offers the fields whose name or column header starts with the word at the caret, case aside', () => {
    expect(labels('cal')).toEqual(['CallID:', 'CalleeNumber:', 'calls:']);
    expect(labels('pengiriman Task')).toEqual(['TaskID:', 'TaskName:']);
    expect(labels('prob')).toEqual(['has:']);
    expect(completionsAt('cal', 3)?.items[1]?.about).toMatch(/number/);
  });

  it('offers the values of a field that has a few, past what is typed', () => {
    expect(labels('Status:')).toEqual(['Status:created', 'Status:pending', 'Status:finished', 'Status:cancelled', 'Status:failed']);
    expect(labels('has:w')).toEqual(['has:warnings']);
    expect(labels('kind:call-end')).toEqual([]);
    expect(labels('retry:')).toEqual(['retry:yes', 'retry:no']);
  });

  it('offers nothing for a field without a few values, a quoted phrase, a number, or after a space', () => {
    expect(labels('CallID:6d')).toEqual([]);
    expect(labels('"sta')).toEqual([]);
    expect(labels('6212')).toEqual([]);
    expect(labels('Status ')).toEqual([]);
    expect(labels('zzz')).toEqual([]);
  });

  it('completes the word the caret is in, not the last one', () => {
    const at = completionsAt('Sta pengiriman', 3)!;
    expect(at).toMatchObject({ from: 0, to: 3 });
    expect(applyCompletion('Sta pengiriman', at, at.items[0]!)).toEqual({ text: 'Status: pengiriman', caret: 7 });
  });

  it('writes a field name ready for its value, and a value followed by a space for the next word', () => {
    const name = completionsAt('x CalleeN', 9)!;
    expect(applyCompletion('x CalleeN', name, name.items[0]!)).toEqual({ text: 'x CalleeNumber:', caret: 15 });
    const value = completionsAt('kind:c', 6)!;
    expect(applyCompletion('kind:c', value, value.items[0]!)).toEqual({ text: 'kind:call-end ', caret: 14 });
    const inside = completionsAt('kind:c word', 6)!;
    expect(applyCompletion('kind:c word', inside, inside.items[0]!)).toEqual({ text: 'kind:call-end word', caret: 14 });
  });
});
