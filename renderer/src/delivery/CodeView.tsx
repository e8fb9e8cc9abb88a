// A read-only CodeMirror 6 view: handles multi-megabyte documents by rendering only what is visible,
// with folding, search (Ctrl-F) and JSON highlighting. The document goes to CodeMirror, never through
// React state on each interaction; a document that grows (the first lines of a body, then the whole)
// is added below what is drawn, so the view keeps its place.
import { json } from '@codemirror/lang-json';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useMemo, useRef } from 'react';
import { codeSetup } from '../common/code-setup.js';
import { hasLongLine } from '../common/long-lines.js';

export interface Reveal {
  from: number;
  to: number;
  /** Changes on every request, so that clicking the same problem twice moves the view again. */
  nonce: number;
}

interface Props {
  doc: string;
  language: 'json' | 'text';
  /** Wrap long lines (not those past MAX_WRAPPED_LINE: see long-lines.ts). */
  wrap?: boolean;
  reveal?: Reveal | null;
  label: string;
}

export function CodeView({ doc, language, wrap = false, reveal, label }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  /** The document CodeMirror holds, as it was given. */
  const shown = useRef<string | null>(null);
  const longLines = useMemo(() => hasLongLine(doc), [doc]);
  const wrapping = wrap && !longLines;

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc,
        extensions: [
          codeSetup({ longLines }),
          EditorState.readOnly.of(true),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          ...(language === 'json' ? [json()] : []),
          ...(wrapping ? [EditorView.lineWrapping] : []),
        ],
      }),
    });
    shown.current = doc;
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The document's changes are the next effect's: they do not recreate the view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [language, wrapping, longLines, label]);

  useEffect(() => {
    const v = view.current;
    const before = shown.current;
    if (!v || before === doc) return;
    shown.current = doc;
    const length = v.state.doc.length;
    // The same text with more after it: only what follows is new (lengths differ where \r\n was read as one break).
    const grows = before !== null && length === before.length && doc.startsWith(before);
    v.dispatch({ changes: grows ? { from: length, insert: doc.slice(length) } : { from: 0, to: length, insert: doc } });
  }, [doc]);

  useEffect(() => {
    const v = view.current;
    if (!v || !reveal) return;
    const to = Math.min(reveal.to, v.state.doc.length);
    const from = Math.min(reveal.from, to);
    v.dispatch({ selection: { anchor: from, head: to }, effects: EditorView.scrollIntoView(from, { y: 'center' }) });
    v.focus();
  }, [reveal]);

  return <div className="code-view" ref={host} />;
}
