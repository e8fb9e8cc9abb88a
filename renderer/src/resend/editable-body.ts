// The stored body as the re-send editor starts from it: compact JSON (one line, as most senders write
// it) formatted so that it can be read and edited; anything else as stored. The form sends a body
// only when it was edited, so an untouched formatted body still goes out as the stored bytes.
import { prettyJson } from '../delivery/pretty-json.js';

/** Formatting runs on the window's thread: past this size the body is shown as stored. */
const MAX_FORMAT_CHARS = 1024 * 1024;

export function editableBody(stored: string): { text: string; formatted: boolean } {
  const asStored = { text: stored, formatted: false };
  if (stored.length > MAX_FORMAT_CHARS || /[\r\n]/.test(stored.trim())) return asStored;
  const pretty = prettyJson(stored);
  // Only what formats without loss: a duplicate key or a depth or size limit would drop something.
  if (!pretty.ok || pretty.problems || !/^[[{]/.test(pretty.text) || pretty.text === stored) return asStored;
  return { text: pretty.text, formatted: true };
}
