// The inbox's search box: completes field names and values as you type (an ARIA combobox: ↑/↓ pick,
// Enter or Tab take, Esc closes), and says under the toolbar what it could not read as asked (a field
// name that names none, a value a field cannot take), since those words are searched as text.
import { forwardRef, useLayoutEffect, useMemo, useRef, useState, type ForwardedRef, type MutableRefObject } from 'react';
import { SEARCH_SYNTAX_SUMMARY } from '../../../shared/search-syntax.js';
import { applyCompletion, completionsAt, type Completion } from './search-completion.js';

const LIST_ID = 'search-completions';

interface Props {
  text: string;
  onText(text: string): void;
  /** Enter: search now, without waiting for the pause in typing. */
  onSubmit(): void;
  /** ArrowDown or Esc with no completions open: back to the list. */
  onLeave(): void;
}

export const SearchBox = forwardRef(function SearchBox({ text, onText, onSubmit, onLeave }: Props, ref: ForwardedRef<HTMLInputElement>) {
  const input = useRef<HTMLInputElement | null>(null);
  const [caret, setCaret] = useState(text.length);
  const [focused, setFocused] = useState(false);
  const [active, setActive] = useState(-1);
  // Esc closes the list until the text changes.
  const [closedFor, setClosedFor] = useState<string | null>(null);
  const nextCaret = useRef<number | null>(null);

  const completions = useMemo(() => (focused && closedFor !== text ? completionsAt(text, caret) : null), [focused, closedFor, text, caret]);
  const open = completions !== null;
  const activeIndex = open && active < completions.items.length ? active : -1;

  useLayoutEffect(() => {
    if (nextCaret.current === null || !input.current) return;
    input.current.setSelectionRange(nextCaret.current, nextCaret.current);
    nextCaret.current = null;
  }, [text]);

  const edit = (value: string, at: number) => {
    onText(value);
    setCaret(at);
    setActive(-1);
  };
  const take = (item: Completion) => {
    if (!completions) return;
    const next = applyCompletion(text, completions, item);
    nextCaret.current = next.caret;
    edit(next.text, next.caret);
  };

  return (
    <span className="search-box">
      <input
        ref={(el) => {
          input.current = el;
          if (typeof ref === 'function') ref(el);
          else if (ref) (ref as MutableRefObject<HTMLInputElement | null>).current = el;
        }}
        className="search"
        type="search"
        role="combobox"
        aria-label="search deliveries"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={LIST_ID}
        aria-activedescendant={activeIndex >= 0 ? `${LIST_ID}-${activeIndex}` : undefined}
        autoComplete="off"
        spellCheck={false}
        // Short enough to show whole; the fields are in the tooltip and offered as you type.
        placeholder="Search (/): words or Field:value"
        title={`Search: ${SEARCH_SYNTAX_SUMMARY}. Quote values with spaces: Intention:"--". See docs/SEARCH.md.`}
        value={text}
        onChange={(e) => edit(e.target.value, e.target.selectionStart ?? e.target.value.length)}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? text.length)}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onKeyDown={(e) => {
          if (open) {
            const n = completions.items.length;
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const from = activeIndex < 0 && e.key === 'ArrowUp' ? n : activeIndex;
              setActive((from + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
              return;
            }
            if ((e.key === 'Enter' && activeIndex >= 0) || e.key === 'Tab') {
              e.preventDefault();
              take(completions.items[Math.max(0, activeIndex)]!);
              return;
            }
            if (e.key === 'Escape') {
              e.preventDefault();
              setClosedFor(text);
              return;
            }
          }
          if (e.key === 'Enter') onSubmit();
          if (e.key === 'ArrowDown' || e.key === 'Escape') {
            e.preventDefault();
            onLeave();
          }
        }}
      />
      {open && (
        <ul className="search-completions" id={LIST_ID} role="listbox" aria-label="search fields">
          {completions.items.map((item, i) => (
            <li
              key={item.label}
              id={`${LIST_ID}-${i}`}
              role="option"
              aria-selected={i === activeIndex}
              // Keeps the focus in the box: a click takes the item, as Enter does.
              onMouseDown={(e) => {
                e.preventDefault();
                take(item);
              }}
            >
              <span className="label">{item.label}</span>
              {item.about && <span className="about">{item.about}</span>}
            </li>
          ))}
        </ul>
      )}
    </span>
  );
});
