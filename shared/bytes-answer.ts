// An answer that carries bytes (a stored body) travels over HTTP as those bytes, not as base64 inside
// JSON: a 4-byte length, a JSON head with the answer's other fields and the size of each byte field,
// then the bytes, one field after another. Only an answer's own (top-level) Uint8Array fields travel
// so. Over IPC nothing of this is needed: structured clone carries a Uint8Array as it is.

/** The Content-Type of such an answer; any other answer is `{ result }` as JSON. */
export const BYTES_ANSWER_TYPE = 'application/vnd.callback-inspector.bytes';

interface Head {
  fields: Record<string, unknown>;
  /** Each byte field's name and length, in the order their bytes follow the head. */
  bytes: Array<[string, number]>;
}

/** Whether an answer has top-level byte fields (and so goes as a bytes answer). */
export function carriesBytes(answer: unknown): answer is Record<string, unknown> {
  return typeof answer === 'object' && answer !== null && Object.values(answer).some((v) => v instanceof Uint8Array);
}

/** The answer as the chunks of its bytes answer, to be written one after another. */
export function encodeBytesAnswer(answer: Record<string, unknown>): Uint8Array[] {
  const head: Head = { fields: {}, bytes: [] };
  const parts: Uint8Array[] = [];
  for (const [name, value] of Object.entries(answer)) {
    if (value instanceof Uint8Array) {
      head.bytes.push([name, value.byteLength]);
      parts.push(value);
    } else head.fields[name] = value;
  }
  const json = new TextEncoder().encode(JSON.stringify(head));
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, json.byteLength);
  return [length, json, ...parts];
}

/** The answer again; its byte fields are views into `data`, not copies. */
export function decodeBytesAnswer(data: ArrayBuffer): Record<string, unknown> {
  if (data.byteLength < 4) throw new Error('a bytes answer shorter than its head');
  const headLength = new DataView(data).getUint32(0);
  let at = 4 + headLength;
  if (at > data.byteLength) throw new Error('a bytes answer shorter than its head');
  const head = JSON.parse(new TextDecoder().decode(new Uint8Array(data, 4, headLength))) as Head;
  const answer: Record<string, unknown> = { ...head.fields };
  for (const [name, length] of head.bytes) {
    if (at + length > data.byteLength) throw new Error(`a bytes answer cut short in its field ${name}`);
    answer[name] = new Uint8Array(data, at, length);
    at += length;
  }
  return answer;
}
