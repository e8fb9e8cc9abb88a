// Callee numbers as people type them and as the vendor sends them. The contract's example writes
// `+6212345678`; a person copies `6212345678` from a spreadsheet or `+62 812-345` from a ticket. A
// search for any of these finds the others, through the index: the store looks up each spelling.

/** Digits with spaces, dashes, dots or brackets between them, perhaps after a `+`. */
const TYPED_NUMBER = /^\+?[\d\s().-]*\d[\d\s().-]*$/;

/** A number as digits (a leading `+` kept); any other value as typed. */
export function phoneText(value: string): string {
  const v = value.trim();
  if (!TYPED_NUMBER.test(v)) return value;
  return `${v.startsWith('+') ? '+' : ''}${v.replace(/\D/g, '')}`;
}

/** The spellings a callee number may be stored under: with and without the leading `+`. */
export function calleeSpellings(value: string): string[] {
  const v = phoneText(value);
  if (!/^\+?\d+$/.test(v)) return [value];
  const digits = v.replace(/^\+/, '');
  return [`+${digits}`, digits];
}
