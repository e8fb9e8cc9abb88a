// The media type of a Content-Type value, for the core (the contract's header rule) and the renderer
// (which view a body gets).

/** `application/json; charset=utf-8` → `application/json`. */
export function mediaType(contentType: string | null): string | null {
  if (contentType === null) return null;
  const type = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return type === '' ? null : type;
}
