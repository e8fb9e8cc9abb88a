// Which rows a list of fixed-height rows draws, and where, however many there are. Browsers cap an
// element's height (Chromium at ~33.5 million px, Firefox at ~17.9 million: 640,000 rows of 28 px),
// and a virtualiser that lays out every row's height (TanStack Virtual's issue #616) cannot reach the
// rows past it. Past MAX_LAYOUT_PX the list is laid out shorter than its rows and the scroll position
// is scaled: `offset` is where the view's top is among the rows, in px of rows.

export const MAX_LAYOUT_PX = 15_000_000;

export interface Geometry {
  rows: number;
  rowHeight: number;
  /** The view's height. */
  viewport: number;
}

/** The height the list is laid out with. */
export const layoutHeight = (g: Geometry): number => Math.min(g.rows * g.rowHeight, MAX_LAYOUT_PX);

/** The largest offset: the last row at the view's bottom. */
export const maxOffset = (g: Geometry): number => Math.max(0, g.rows * g.rowHeight - g.viewport);

/** Px of rows per px of scrolling: 1 until the rows are taller than the layout. */
export function scale(g: Geometry): number {
  const layout = layoutHeight(g) - g.viewport;
  const rows = maxOffset(g);
  return layout > 0 && rows > layout ? rows / layout : 1;
}

export const offsetAt = (g: Geometry, scrollTop: number): number => Math.min(maxOffset(g), scrollTop * scale(g));
export const scrollTopFor = (g: Geometry, offset: number): number => offset / scale(g);

/** The rows in view at `offset` (first and last, inclusive; last < first when there are none). */
export function rowsInView(g: Geometry, offset: number): { first: number; last: number } {
  const first = Math.floor(offset / g.rowHeight);
  const last = Math.min(g.rows - 1, Math.ceil((offset + g.viewport) / g.rowHeight) - 1);
  return { first, last };
}

/** The offset that brings row `index` into view, moving as little as possible. */
export function offsetToShow(g: Geometry, offset: number, index: number): number {
  const top = index * g.rowHeight;
  if (top < offset) return top;
  if (top + g.rowHeight > offset + g.viewport) return Math.min(maxOffset(g), top + g.rowHeight - g.viewport);
  return offset;
}
