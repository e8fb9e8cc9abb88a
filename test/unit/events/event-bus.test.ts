import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../main/core/events/event-bus.js';

describe('the event bus', () => {
  it('reports a subscriber that throws, and still tells the others', () => {
    const errors: unknown[] = [];
    const bus = new EventBus((e) => errors.push(e));
    const heard: number[] = [];
    bus.on('backlog', () => {
      throw new Error('closed stream');
    });
    bus.on('backlog', ({ pending }) => heard.push(pending));
    bus.emit('backlog', { pending: 3 });
    expect(heard).toEqual([3]);
    expect(errors.map(String)).toEqual(['Error: closed stream']);
  });
});
