import { describe, expect, it } from 'vitest';
import { PAGE_BYTES, hexPage, pageCount, pageOf } from '../../../renderer/src/delivery/hex.js';

describe('hex view paging', () => {
  it('cuts bytes into 16-byte rows with offset, hex (gap after 8) and printable ASCII', () => {
    const bytes = new Uint8Array([...Buffer.from('{"a":1}\n'), 0x00, 0xff, 0x7f, 0x20, 0x41, 0x42, 0x43, 0x44, 0x45]);
    const [first, second] = hexPage(bytes, 0);
    expect(first).toEqual({
      offset: '00000000',
      hex: '7b 22 61 22 3a 31 7d 0a  00 ff 7f 20 41 42 43 44',
      ascii: '{"a":1}.... ABCD',
    });
    expect(second).toEqual({ offset: '00000010', hex: '45', ascii: 'E' });
  });

  it('shows an 8 MB body as pages of PAGE_BYTES, the last one partial', () => {
    const size = 8 * 1024 * 1024 + 5;
    const bytes = new Uint8Array(size);
    expect(pageCount(size)).toBe(Math.ceil(size / PAGE_BYTES));
    const last = hexPage(bytes, pageCount(size) - 1);
    expect(last).toHaveLength(1);
    expect(last[0]!.offset).toBe((8 * 1024 * 1024).toString(16).padStart(8, '0'));
    expect(hexPage(bytes, 3)).toHaveLength(PAGE_BYTES / 16);
  });

  it('finds the page holding an offset and clamps offsets outside the body', () => {
    expect(pageOf(0, 10_000)).toBe(0);
    expect(pageOf(PAGE_BYTES, 10_000)).toBe(1);
    expect(pageOf(999_999, 10_000)).toBe(pageCount(10_000) - 1);
    expect(pageOf(-5, 10_000)).toBe(0);
    expect(pageCount(0)).toBe(1);
  });
});
