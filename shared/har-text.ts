// A HAR document written in pieces, entry by entry, as JSON.stringify(log, null, 2) writes it whole:
// an export of any size is one valid JSON document, byte for byte what a whole export gives.
import type { HarEntry, HarLog } from './model.js';

export interface HarText {
  /** `{ "log": { "version", "creator", "entries": [`. */
  head: string;
  /** One entry, with the comma before it when it is not the first. */
  entry(entry: HarEntry): string;
  /** What closes the entries and the document (no newline after it). */
  end(): string;
}

const INDENT = '      ';

export function harText(creator: HarLog['log']['creator']): HarText {
  const whole = JSON.stringify({ log: { version: '1.2', creator, entries: [] } } satisfies HarLog, null, 2);
  // `"entries": []` closes the document; an entry goes between the brackets.
  const cut = whole.lastIndexOf('[]') + 1;
  let first = true;
  return {
    head: whole.slice(0, cut),
    entry(entry) {
      const text = `${first ? '\n' : ',\n'}${INDENT}${JSON.stringify(entry, null, 2).replaceAll('\n', `\n${INDENT}`)}`;
      first = false;
      return text;
    },
    end: () => `${first ? '' : '\n    '}${whole.slice(cut)}`,
  };
}
