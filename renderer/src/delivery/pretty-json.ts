// Pretty-prints a body without losing information: lossless-json keeps every number's digits
// (an id beyond 2^53 stays exact), where JSON.parse would round it.
import { parse, stringify } from 'lossless-json';

export type Pretty = { ok: true; text: string } | { ok: false; error: string };

export function prettyJson(text: string): Pretty {
  try {
    return { ok: true, text: stringify(parse(text), undefined, 2) ?? '' };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
