// The placeholders of an HMAC scheme's `signed` template, apart from the signing itself so that the
// API's schema can check a template without importing the scheme.

/** `{body}`, `{timestamp}` and `{header:Name}`. */
export const PLACEHOLDER = /\{(body|timestamp|header:([!#$%&'*+.^_`|~0-9A-Za-z-]+))\}/g;
const ANY_PLACEHOLDER = /\{[^{}]*\}/g;

/** Placeholders that are not `{body}`, `{timestamp}` or `{header:Name}`: most likely typos. */
export function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(ANY_PLACEHOLDER)].map((m) => m[0]).filter((p) => !new RegExp(`^${PLACEHOLDER.source}$`).test(p));
}
