// AsrResult as a conversation: each entry may hold what the robot said and what the callee answered
// at one time offset; each non-empty side becomes one bubble, robot first.
import { stringify } from 'lossless-json';
import { isJsonObject, stringField, type JsonValue } from '../../../shared/contract/json-value.js';

export interface Bubble {
  /** `other`: an entry that is not a {time, robottext, text} object, shown as its JSON. */
  speaker: 'robot' | 'callee' | 'other';
  /** As written: `HH:MM:SS` from the start of the call. */
  time: string | null;
  text: string;
}

/** Null when AsrResult is not an array: the caller shows the raw value instead. */
export function transcript(asr: JsonValue | undefined): Bubble[] | null {
  if (asr === undefined) return [];
  if (!Array.isArray(asr)) return null;
  const out: Bubble[] = [];
  for (const turn of asr) {
    if (!isJsonObject(turn)) {
      out.push({ speaker: 'other', time: null, text: stringify(turn) ?? 'undefined' });
      continue;
    }
    const time = stringField(turn, 'time');
    const robot = stringField(turn, 'robottext');
    const callee = stringField(turn, 'text');
    if (robot) out.push({ speaker: 'robot', time, text: robot });
    if (callee) out.push({ speaker: 'callee', time, text: callee });
  }
  return out;
}
