// `import`'s complaint about a line, readable: the core lists every schema issue as zod words it
// ("receivedAt: Invalid input: expected string, received undefined; endpoint: …", twenty of them for a
// line that is not an export line at all). A person wants the first few, in plain words, and a file of
// the wrong shape said once for all its lines, not 200 times.

/** Problems shown per line; the rest are counted. */
const SHOWN = 3;
const ISSUE = /^([\w.]*): (.+)$/s;

/** `receivedAt: required; bodyBase64: expected a string; … and 18 more`; other messages unchanged. */
function readableImportError(message: string): string {
  const issues = message.split('; ').map((part) => ISSUE.exec(part));
  // Not a schema report (not JSON, a sha256 mismatch): already one plain sentence.
  if (issues.some((m) => m === null)) return message;
  const shown = (issues as RegExpExecArray[]).slice(0, SHOWN).map(([, path, text]) => (path ? `${path}: ${plain(text!)}` : plain(text!)));
  const more = issues.length - SHOWN;
  return `${shown.join('; ')}${more > 0 ? `; … and ${more} more` : ''}`;
}

function plain(text: string): string {
  const type = /^Invalid input: expected (\w+), received (\w+)$/.exec(text);
  if (type) return type[2] === 'undefined' ? 'required' : `expected ${noun(type[1]!)}, not ${noun(type[2]!)}`;
  const option = /^Invalid option: expected one of (.+)$/.exec(text);
  if (option) return `expected one of ${option[1]!.replaceAll('|', ', ')}`;
  return text;
}

/** `a string`, `an object`, `null`. */
function noun(type: string): string {
  if (type === 'null' || type === 'undefined' || type === 'NaN') return type;
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

/**
 * Gathers consecutive lines with the same complaint into one: `lines 2-200: not JSON`. Every line is
 * still accounted for, in order; `write` receives each finished run.
 */
export function importErrorRuns(write: (text: string) => void): { add(line: number, message: string): void; end(): void } {
  let run: { first: number; last: number; text: string } | null = null;
  const flush = () => {
    if (!run) return;
    write(`${run.first === run.last ? `line ${run.first}` : `lines ${run.first}-${run.last}`}: ${run.text}\n`);
    run = null;
  };
  return {
    add(line, message) {
      const text = readableImportError(message);
      if (run && run.text === text && run.last + 1 === line) {
        run.last = line;
        return;
      }
      flush();
      run = { first: line, last: line, text };
    },
    end: flush,
  };
}
