// The shape of a losslessly parsed JSON body, shared by ingest, the contract check and the renderer.
// Numbers stay LosslessNumber (digits as written) so an id beyond 2^53 is never rounded.
import { isLosslessNumber, type LosslessNumber } from 'lossless-json';

export type JsonValue = null | boolean | string | LosslessNumber | JsonValue[] | JsonObject;

/**
 * Plain objects, as JSON.parse makes them: a key `__proto__` is an own data property, never the
 * prototype. Read fields with `field()` / `Object.hasOwn`, so that a missing `constructor` or
 * `toString` is not mistaken for an inherited one.
 */
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value);
}

export { isLosslessNumber };

/** An own field of an object, or undefined; never an inherited property. */
export function field(obj: JsonObject, name: string): JsonValue | undefined {
  return Object.hasOwn(obj, name) ? obj[name] : undefined;
}

/** The field's value when it is a string, else null. */
export function stringField(obj: JsonObject, name: string): string | null {
  const v = field(obj, name);
  return typeof v === 'string' ? v : null;
}

/** A human word for the JSON type of a value, for messages ("expected string, got integer"). */
export function jsonTypeName(value: JsonValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) return 'array';
  if (isLosslessNumber(value)) return /^-?\d+$/.test(value.value) ? 'integer' : 'number';
  return 'object';
}
