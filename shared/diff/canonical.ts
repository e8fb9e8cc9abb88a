// Exact identities for lossless JSON values: a number's exact decimal value (never a float), and one
// canonical text per value (keys sorted, numbers as written) so equal subtrees can be matched by key.
import { isLosslessNumber, type LosslessNumber } from 'lossless-json';
import { isJsonObject, type JsonValue } from '../contract/json-value.js';

const NUMBER = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * The exact decimal value of a number's text as `sign digits e exponent`, normalised so that `1`,
 * `1.0`, `10e-1` and `-0`/`0` give the same key. Digits are kept as text and the exponent as a
 * BigInt: 98765432109876543210 and 98765432109876543211 differ, as they do on the wire.
 */
export function numberValueKey(text: string): string {
  const m = NUMBER.exec(text);
  if (!m) return `?${text}`;
  const [, sign, int = '', frac = '', exp = '0'] = m;
  let digits = (int + frac).replace(/^0+/, '');
  if (digits === '') return '0';
  let exponent = BigInt(exp) - BigInt(frac.length);
  const trailing = digits.length - digits.replace(/0+$/, '').length;
  digits = digits.slice(0, digits.length - trailing);
  exponent += BigInt(trailing);
  return `${sign}${digits}e${exponent}`;
}

export function sameNumberValue(a: LosslessNumber, b: LosslessNumber): boolean {
  return a.value === b.value || numberValueKey(a.value) === numberValueKey(b.value);
}

/** The six JSON types; what a "type change" means (integer and decimal are both `number`). */
export type JsonKind = 'null' | 'boolean' | 'string' | 'number' | 'array' | 'object';

export function jsonKind(value: JsonValue): JsonKind {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  if (Array.isArray(value)) return 'array';
  if (isLosslessNumber(value)) return 'number';
  return 'object';
}

/**
 * Canonical text: compact JSON with object keys sorted and numbers exactly as written. Two values have
 * the same canonical text exactly when they are equal ignoring key order. Memoised per container, so
 * asking for every array element and then for the array costs little more than once.
 */
export class CanonicalText {
  private readonly memo = new WeakMap<object, string>();

  of(value: JsonValue): string {
    if (value === null || typeof value === 'boolean') return String(value);
    if (typeof value === 'string') return JSON.stringify(value);
    if (isLosslessNumber(value)) return value.value;
    const known = this.memo.get(value);
    if (known !== undefined) return known;
    let text: string;
    if (Array.isArray(value)) text = `[${value.map((v) => this.of(v)).join(',')}]`;
    else if (isJsonObject(value))
      text = `{${Object.keys(value)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${this.of(value[k]!)}`)
        .join(',')}}`;
    else text = String(value);
    this.memo.set(value, text);
    return text;
  }
}
