// Whether a text has a line too long to wrap. CodeMirror draws a wrapped line whole (an 8 MB body on
// one line took seconds a frame), but only the visible stretch of a line it does not wrap: views
// wrap their text unless it has such a line.

/** Longer lines are not wrapped: a compact body of a few hundred kilobytes still wraps. */
export const MAX_WRAPPED_LINE = 32 * 1024;

export function hasLongLine(text: string, max = MAX_WRAPPED_LINE): boolean {
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if ((end < 0 ? text.length : end) - start > max) return true;
    if (end < 0) return false;
    start = end + 1;
  }
}
