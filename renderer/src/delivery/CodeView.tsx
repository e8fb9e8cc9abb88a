// A read-only CodeMirror 6 view: handles multi-megabyte documents by rendering only what is visible,
// with folding, search (Ctrl-F) and JSON highlighting. The document goes to CodeMirror once, never
// through React state on each interaction.
import { json } from '@codemirror/lang-json';
import { EditorState } from '@codemirror/state';
import { EditorView, basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';

export interface Reveal {
  from: number;
  to: number;
  /** Changes on every request, so that clicking the same problem twice moves the view again. */
  nonce: number;
}

interface Props {
  doc: string;
  language: 'json' | 'text';
  wrap?: boolean;
  reveal?: Reveal | null;
  label: string;
}

export function CodeView({ doc, language, wrap = false, reveal, label }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc,
        extensions: [
          basicSetup,
          EditorState.readOnly.of(true),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          ...(language === 'json' ? [json()] : []),
          ...(wrap ? [EditorView.lineWrapping] : []),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, [doc, language, wrap, label]);

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
