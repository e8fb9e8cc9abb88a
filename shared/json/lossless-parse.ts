// Strict RFC 8259 JSON parser that keeps every number's digits (LosslessNumber) and reports duplicate keys.
// Iterative with an explicit stack: a hostile body nested millions deep costs neither the call stack
// nor more than linear time.
import type { Problem } from '../model.js';
import type { JsonObject, JsonValue } from '../contract/json-value.js';
import { shorten, toPath, type PathSegment } from '../contract/json-path.js';
import { skipRestOfContainer, skipSubtree } from './deep-skip.js';
import { SyntaxFailure, cursor, fail, isWs, scanKey, scanScalar } from './json-scan.js';

export { toPath, type PathSegment };

export type ParseResult =
  | { ok: true; value: JsonValue; problems: Problem[]; maxDepth: number }
  /** `offset` counts UTF-16 code units into the text, where the parser stopped. */
  | { ok: false; error: { message: string; offset: number }; problems: Problem[] };

/**
 * Containers nested deeper than this are still checked for syntax but become `null` in the value,
 * with one `depth-limit` warning. Why: every consumer that recurses (lossless-json's stringify
 * overflows near 4,000 levels, structured clone over IPC, tree views) would otherwise inherit the
 * attack, and building costs an allocation per level (16M levels of `[` take JSON.parse seconds).
 * Real notifications nest a few levels; the raw body is always kept.
 */
export const MAX_BUILD_DEPTH = 1000;

/**
 * Values built per body (every scalar, key and container counts one). Past it the rest of the text is still
 * checked for syntax, in linear time and without allocating a value, but arrays and objects end where
 * the budget did, with one `value-limit` warning. Why: memory per built value is ~50 bytes whatever
 * its text, so a 63 MB body of 21M `{}` took gigabytes and the process with it. Two million is above
 * what a body under the 32 MB limit holds when its values are real (the seed's calls: ~24 bytes a value).
 */
export const MAX_BUILT_VALUES = 4_000_000;

/** Past this many, duplicate keys are counted in one summary problem instead of one each. */
const MAX_DUPLICATE_REPORTS = 100;

export interface ParseOptions {
  /** Override MAX_BUILD_DEPTH (tests use other limits). */
  maxBuildDepth?: number;
  /** Override MAX_BUILT_VALUES. */
  maxValues?: number;
}

export function parseJson(text: string, options: ParseOptions = {}): ParseResult {
  const problems: Problem[] = [];
  try {
    const { value, maxDepth } = parse(text, problems, options.maxBuildDepth ?? MAX_BUILD_DEPTH, options.maxValues ?? MAX_BUILT_VALUES);
    return { ok: true, value, problems, maxDepth };
  } catch (err) {
    if (err instanceof SyntaxFailure) return { ok: false, error: { message: err.message, offset: err.offset }, problems };
    throw err;
  }
}

/** Builds the object whose alternating keys and values sit at values[start..end). */
function buildObject(
  values: JsonValue[],
  start: number,
  end: number,
  frames: Int32Array,
  depth: number,
  dup: { count: number },
  problems: Problem[],
): JsonObject {
  // Plain objects keep V8's fast shared shapes (a null prototype makes each one a hash map);
  // `__proto__` alone is defined, not assigned, so it is an own data key as in JSON.parse.
  const obj: JsonObject = {};
  for (let k = start; k < end; k += 2) {
    const key = values[k] as string;
    if (Object.hasOwn(obj, key) && ++dup.count <= MAX_DUPLICATE_REPORTS) problems.push(duplicate(values, frames, depth, key));
    if (key === '__proto__')
      Object.defineProperty(obj, key, { value: values[k + 1], writable: true, enumerable: true, configurable: true });
    else obj[key] = values[k + 1] as JsonValue;
  }
  return obj;
}

function duplicate(values: JsonValue[], frames: Int32Array, depth: number, key: string): Problem {
  const message = `Key ${JSON.stringify(shorten(key))} appears more than once in this object; the last value is used (as JSON.parse does)`;
  return { path: pathTo(values, frames, depth - 1, key), severity: 'warning', code: 'duplicate-key', message };
}

/** The path of `key` in the object open at frame `upTo`, derived from the frames only when needed. */
function pathTo(values: JsonValue[], frames: Int32Array, upTo: number, key: string): string {
  const segs: PathSegment[] = [];
  for (let f = 0; f < upTo; f++) {
    const raw = frames[f] as number;
    const next = frames[f + 1] as number;
    const childStart = next < 0 ? ~next : next;
    // An object's member in progress sits right after its key on the operand stack.
    segs.push(raw < 0 ? (values[childStart - 1] as string) : childStart - raw);
  }
  segs.push(key);
  return toPath(segs);
}

function parse(text: string, problems: Problem[], maxBuildDepth: number, maxValues: number): { value: JsonValue; maxDepth: number } {
  // Values and keys built so far, and members left out past maxValues.
  let kept = 0;
  let skipped = 0;
  const len = text.length;
  let pos = 0;
  // Operand stack: finished values and, inside objects, alternating key, value. Containers are
  // built when they close, at their exact size.
  const values: JsonValue[] = [];
  let top = 0;
  // One Int32 per open container: where its members start on the operand stack, bitwise-NOT'ed
  // for objects. Never deeper than maxBuildDepth: past it, skipSubtree takes over.
  let frames = new Int32Array(64);
  let depth = 0;
  let maxDepth = 0;
  const dup = { count: 0 };
  let collapsed = 0;

  while (isWs(text.charCodeAt(pos))) pos++;
  for (;;) {
    // A value starts at `pos`.
    const c = text.charCodeAt(pos);
    if (kept >= maxValues && depth > 0) {
      // Over the budget: this member and the rest of its container are checked, not kept (an
      // object's member goes with its key); the close below ends the container where it is.
      const inObject = (frames[depth - 1] as number) < 0;
      const rest = skipRestOfContainer(text, pos, inObject);
      pos = rest.end;
      skipped += rest.members;
      if (inObject) top--;
    } else if ((c === 123 || c === 91) && depth >= maxBuildDepth) {
      const skipped = skipSubtree(text, pos);
      pos = skipped.end;
      collapsed += skipped.containers;
      if (depth + skipped.depth > maxDepth) maxDepth = depth + skipped.depth;
      values[top++] = null;
      kept++;
    } else if (c === 123 || c === 91) {
      const isObject = c === 123;
      kept++;
      pos++;
      while (isWs(text.charCodeAt(pos))) pos++;
      if (depth + 1 > maxDepth) maxDepth = depth + 1;
      if (text.charCodeAt(pos) === (isObject ? 125 : 93)) {
        pos++;
        values[top++] = isObject ? {} : [];
      } else {
        if (depth === frames.length) {
          const bigger = new Int32Array(frames.length * 2);
          bigger.set(frames);
          frames = bigger;
        }
        frames[depth++] = isObject ? ~top : top;
        if (isObject) {
          values[top++] = scanKey(text, pos);
          kept++;
          pos = cursor.end;
        }
        continue;
      }
    } else {
      values[top++] = scanScalar(text, pos);
      pos = cursor.end;
      kept++;
    }

    // A value just ended: close containers, or step to the next member.
    for (;;) {
      while (isWs(text.charCodeAt(pos))) pos++;
      if (depth === 0) {
        if (pos < len) fail(text, pos, 'end of input after the JSON value');
        if (dup.count > MAX_DUPLICATE_REPORTS) {
          const count = dup.count - MAX_DUPLICATE_REPORTS;
          problems.push({
            path: '$',
            severity: 'warning',
            code: 'duplicate-key',
            message: `${count} more duplicate keys not listed`,
            count,
          });
        }
        if (skipped > 0) {
          problems.push({
            path: '$',
            severity: 'warning',
            code: 'value-limit',
            message: `The body holds more than ${maxValues.toLocaleString('en-US')} JSON values and keys; only the first ${maxValues.toLocaleString('en-US')} are read (checked, indexed, shown). ${skipped.toLocaleString('en-US')} later members were checked for syntax only and left out of the arrays and objects they belong to (the raw body is kept byte for byte)`,
          });
        }
        if (collapsed > 0) {
          problems.push({
            path: '$',
            severity: 'warning',
            code: 'depth-limit',
            message: `Nesting reaches depth ${maxDepth}; ${collapsed} containers deeper than ${maxBuildDepth} were checked for syntax but are shown as null (the raw body is kept)`,
          });
        }
        return { value: values[0] as JsonValue, maxDepth };
      }
      const frame = frames[depth - 1] as number;
      const isObject = frame < 0;
      const d = text.charCodeAt(pos);
      if (d === 44) {
        pos++;
        while (isWs(text.charCodeAt(pos))) pos++;
        if (isObject) {
          values[top++] = scanKey(text, pos);
          kept++;
          pos = cursor.end;
        }
        break;
      }
      if (d !== (isObject ? 125 : 93)) fail(text, pos, isObject ? "',' or '}'" : "',' or ']'");
      pos++;
      const start = isObject ? ~frame : frame;
      // A one-element literal is markedly cheaper than slice() for short arrays.
      const built = isObject
        ? buildObject(values, start, top, frames, depth, dup, problems)
        : top - start === 1
          ? [values[start] as JsonValue]
          : values.slice(start, top);
      depth--;
      top = start;
      values[top++] = built;
    }
  }
}
