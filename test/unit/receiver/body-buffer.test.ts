// A body is held once: a declared length fills one buffer in place; otherwise chunks are joined once.
import { describe, expect, it } from 'vitest';
import { BodyBuffer } from '../../../main/core/receiver/body-buffer.js';

const bytes = (s: string) => Buffer.from(s);

describe('BodyBuffer', () => {
  it('fills a buffer of the declared length in place and hands that very buffer over', () => {
    const b = new BodyBuffer(10);
    b.push(bytes('hello'));
    b.push(bytes('world'));
    const taken = b.take();
    expect(taken.toString()).toBe('helloworld');
    expect(taken.buffer.byteLength).toBeGreaterThanOrEqual(10);
    expect(b.take().buffer).toBe(taken.buffer);
  });

  it('gives what arrived when a declared body stops short (the client went away)', () => {
    const b = new BodyBuffer(1000);
    b.push(bytes('abc'));
    expect(b.take().toString()).toBe('abc');
    expect(b.size).toBe(3);
  });

  it('joins chunks when no length was declared', () => {
    const b = new BodyBuffer(null);
    for (const part of ['a', 'bc', 'def']) b.push(bytes(part));
    expect(b.take().toString()).toBe('abcdef');
  });

  it('still keeps every byte if more arrive than were declared', () => {
    const b = new BodyBuffer(4);
    b.push(bytes('abc'));
    b.push(bytes('defg'));
    expect(b.take().toString()).toBe('abcdefg');
  });

  it('keeps only the head when told to, declared or not', () => {
    for (const declared of [null, 9]) {
      const b = new BodyBuffer(declared);
      b.push(bytes('abcd'));
      b.push(bytes('efghi'));
      b.keep(6);
      expect(b.size).toBe(6);
      expect(b.take().toString()).toBe('abcdef');
    }
  });

  it('is empty for an empty body', () => {
    expect(new BodyBuffer(0).take().length).toBe(0);
    expect(new BodyBuffer(null).take().length).toBe(0);
  });
});
