// An editable CodeMirror 6 view for the body to re-send. The document lives in CodeMirror; React hears
// of a change only what it shows (edited or not), and the text is read when it is needed (the JSON
// check once typing pauses, Send), never copied out on every keystroke. Text stays text: nothing is
// rendered as HTML.
import { json } from '@codemirror/lang-json';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { codeSetup } from '../common/code-setup.js';
import { hasLongLine } from '../common/long-lines.js';
import { typingWithoutDom } from './typing-without-dom.js';

/** Past this size the JSON is not highlighted: CodeMirror's JSON parser read it all again after each keystroke. */
const MAX_HIGHLIGHTED_CHARS = 1024 * 1024;

/** The editor's text after a change (and once at the start). */
export interface EditorText {
  length: number;
  /** The text; read it only when needed: a big body is megabytes. */
  read(): string;
  /** It differs from `initial`. */
  edited: boolean;
}

interface Props {
  initial: string;
  json: boolean;
  onText(text: EditorText): void;
  /** Changes when the caller resets the document (e.g. "revert"). */
  resetKey: number;
}

export function BodyEditor({ initial, json: isJson, onText, resetKey }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const latest = useRef(onText);
  latest.current = onText;

  useEffect(() => {
    const longLines = hasLongLine(initial);
    const state = EditorState.create({
      doc: initial,
      extensions: [
        codeSetup({ longLines }),
        ...(longLines ? [typingWithoutDom] : [EditorView.lineWrapping]),
        EditorView.contentAttributes.of({ 'aria-label': 'body to send' }),
        ...(isJson && initial.length <= MAX_HIGHLIGHTED_CHARS ? [json()] : []),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) latest.current(textOf(u.state, start));
        }),
      ],
    });
    const start = state.doc;
    const view = new EditorView({ parent: host.current!, state });
    latest.current(textOf(state, start));
    return () => view.destroy();
    // `initial` is read once per reset: typing must not recreate the editor.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resetKey, isJson]);

  return <div className="code-view body-editor" ref={host} />;
}

function textOf(state: EditorState, start: EditorState['doc']): EditorText {
  // `eq` compares lengths first, and skips the parts an edit left shared.
  return { length: state.doc.length, read: () => state.doc.toString(), edited: !state.doc.eq(start) };
}
