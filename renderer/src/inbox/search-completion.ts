// What the search box offers as you type: the field names that start with the word at the caret
// (`Cal` → `CallID:`, `CalleeNumber:`), and after `Name:` the values of a field that has a few.
import { SEARCH_FIELDS, fieldNamed } from '../../../shared/search-fields.js';

export interface Completion {
  /** What the list shows, and what replaces the word. */
  label: string;
  about?: string;
}

export interface Completions {
  /** The word being completed: text[from, to). */
  from: number;
  to: number;
  items: Completion[];
}

/** Completions for the word the caret is in or at the end of; null when there are none. */
export function completionsAt(text: string, caret: number): Completions | null {
  const from = text.slice(0, caret).search(/\S*$/);
  const rest = text.slice(caret).search(/\s|$/);
  const to = caret + rest;
  const word = text.slice(from, caret);
  if (word === '' || word.startsWith('"')) return null;
  const colon = word.indexOf(':');
  if (colon < 0) {
    if (!/^[A-Za-z_]+$/.test(word)) return null;
    const typed = word.toLowerCase();
    const items = SEARCH_FIELDS.filter((f) => [f.name, ...(f.aliases ?? [])].some((n) => n.toLowerCase().startsWith(typed))).map((f) => ({
      label: `${f.name}:`,
      about: f.about,
    }));
    return items.length ? { from, to, items } : null;
  }
  const field = fieldNamed(word.slice(0, colon));
  if (!field?.values) return null;
  const typed = word
    .slice(colon + 1)
    .replace(/^"/, '')
    .toLowerCase();
  const items = field.values
    .filter((v) => v.toLowerCase().startsWith(typed) && v.toLowerCase() !== typed)
    .map((v) => ({ label: `${field.name}:${/\s/.test(v) ? `"${v}"` : v}` }));
  return items.length ? { from, to, items } : null;
}

/** The text with the word replaced by the completion, and where the caret goes: after a value, past a space. */
export function applyCompletion(text: string, at: Completions, item: Completion): { text: string; caret: number } {
  const after = text.slice(at.to);
  const value = !item.label.endsWith(':');
  const insert = value && !/^\s/.test(after) ? `${item.label} ` : item.label;
  const caret = at.from + insert.length + (value && /^\s/.test(after) ? 1 : 0);
  return { text: text.slice(0, at.from) + insert + after, caret };
}
