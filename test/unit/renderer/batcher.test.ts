import { describe, expect, it } from 'vitest';
import { createBatcher } from '../../../renderer/src/api/batcher.js';

function manualSchedule() {
  const queue: Array<() => void> = [];
  return { schedule: (run: () => void) => void queue.push(run), tick: () => queue.splice(0).forEach((r) => r()), queue };
}

describe('event batching', () => {
  it('hands a burst of events over once per tick, in arrival order', () => {
    const clock = manualSchedule();
    const flushed: number[][] = [];
    const batcher = createBatcher<number>((items) => flushed.push(items), clock.schedule);
    for (let i = 0; i < 500; i++) batcher.push(i);
    expect(clock.queue).toHaveLength(1);
    expect(flushed).toEqual([]);
    clock.tick();
    expect(flushed).toHaveLength(1);
    expect(flushed[0]).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });

  it('starts a new batch for events after a flush and never flushes an empty one', () => {
    const clock = manualSchedule();
    const flushed: string[][] = [];
    const batcher = createBatcher<string>((items) => flushed.push(items), clock.schedule);
    batcher.push('a');
    clock.tick();
    clock.tick();
    batcher.push('b');
    batcher.push('c');
    clock.tick();
    expect(flushed).toEqual([['a'], ['b', 'c']]);
  });

  it('keeps events pushed while a batch is being flushed for the next tick', () => {
    const clock = manualSchedule();
    const flushed: number[][] = [];
    const batcher = createBatcher<number>((items) => {
      flushed.push(items);
      if (items[0] === 1) batcher.push(2);
    }, clock.schedule);
    batcher.push(1);
    clock.tick();
    clock.tick();
    expect(flushed).toEqual([[1], [2]]);
  });
});
