import { describe, expect, it } from 'vitest';
import { carriesBytes, decodeBytesAnswer, encodeBytesAnswer } from '../../../shared/bytes-answer.js';

/** The chunks as the one buffer a client reads. */
const joined = (chunks: Uint8Array[]): ArrayBuffer => {
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return all.buffer;
};

describe('a bytes answer', () => {
  it('carries byte fields as their bytes and the other fields as they were', () => {
    const bytes = Uint8Array.from([0xff, 0xfe, 0x00, 0x7b, 0xc3]);
    const answer = { id: 7, bytes, textUtf8: 'bytes', charset: null, empty: new Uint8Array(0), nested: { a: [1, '2'] } };
    const back = decodeBytesAnswer(joined(encodeBytesAnswer(answer)));
    expect(back).toEqual({ ...answer, bytes: expect.any(Uint8Array), empty: expect.any(Uint8Array) });
    expect([...(back.bytes as Uint8Array)]).toEqual([...bytes]);
    expect((back.empty as Uint8Array).byteLength).toBe(0);
  });

  it('is used only for an answer with a byte field of its own', () => {
    expect(carriesBytes({ bytes: new Uint8Array(1) })).toBe(true);
    expect(carriesBytes({ text: 'x', nested: { bytes: new Uint8Array(1) } })).toBe(false);
    expect(carriesBytes(null)).toBe(false);
    expect(carriesBytes('bytes')).toBe(false);
  });

  it('refuses an answer cut short', () => {
    const whole = joined(encodeBytesAnswer({ bytes: new Uint8Array(100) }));
    expect(() => decodeBytesAnswer(whole.slice(0, whole.byteLength - 1))).toThrow(/cut short in its field bytes/);
    expect(() => decodeBytesAnswer(whole.slice(0, 6))).toThrow(/shorter than its head/);
  });
});
