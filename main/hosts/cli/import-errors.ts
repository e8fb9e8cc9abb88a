// `import`'s complaint about a line, readable: the core lists every schema issue as zod words it
// ("receivedAt: Invalid input: expected string, received undefined; endpoint: …", twenty of them for a
// line that is not an export line at all). A person wants the first few, in plain words.

/** Problems shown per line; the rest are counted. */
const SHOWN = 3;
const ISSUE = /^([\w.]*): (.+)$/s;

/** `receivedAt: required; bodyBase64: expected a string; … and 18 more`; other messages unchanged. */
export function readableImportError(message: string): string {
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
