// The hex view as data: bytes cut into fixed pages of 16-byte rows, so an 8 MB body shows one page
// (256 rows) at a time instead of half a million DOM rows.

export const BYTES_PER_ROW = 16;
export const PAGE_BYTES = 4096;

export interface HexRow {
  /** Offset of the row's first byte, 8 hex digits. */
  offset: string;
  /** `7b 22 54 61 …`, with a wider gap after the 8th byte. */
  hex: string;
  /** Printable ASCII as itself, everything else as `.`. */
  ascii: string;
}

export function pageCount(size: number): number {
  return Math.max(1, Math.ceil(size / PAGE_BYTES));
}

/** The page that holds byte `offset`, clamped to the body. */
export function pageOf(offset: number, size: number): number {
  return Math.min(pageCount(size) - 1, Math.max(0, Math.floor(offset / PAGE_BYTES)));
}

export function hexPage(bytes: Uint8Array, page: number): HexRow[] {
  const start = page * PAGE_BYTES;
  const end = Math.min(bytes.length, start + PAGE_BYTES);
  const rows: HexRow[] = [];
  for (let at = start; at < end; at += BYTES_PER_ROW) {
    const slice = bytes.subarray(at, Math.min(end, at + BYTES_PER_ROW));
    let hex = '';
    let ascii = '';
    slice.forEach((b, i) => {
      hex += (i === 8 ? '  ' : i === 0 ? '' : ' ') + b.toString(16).padStart(2, '0');
      ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    });
    rows.push({ offset: at.toString(16).padStart(8, '0'), hex, ascii });
  }
  return rows;
}
