// Reads HTTP header values from the raw pairs a capture keeps (names as sent, in arrival order).

/** The value of a header, names compared case-insensitively; repeated headers joined with ", " (RFC 9110 §5.3). */
export function headerValue(headers: ReadonlyArray<readonly [string, string]>, name: string): string | null {
  const wanted = name.toLowerCase();
  let out: string | null = null;
  for (const [k, v] of headers) {
    if (k.toLowerCase() === wanted) out = out === null ? v : `${out}, ${v}`;
  }
  return out;
}

/** The `charset` parameter of a Content-Type, unquoted, or null. */
export function charsetParam(contentType: string | null): string | null {
  if (contentType === null) return null;
  for (const param of contentType.split(';').slice(1)) {
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const value = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim();
    return value === '' ? null : value;
  }
  return null;
}
