// An editable CodeMirror 6 view for the body to re-send. The document lives in CodeMirror; React only
// hears about changes (no re-render of the editor per keystroke). Text stays text: nothing is rendered
// as HTML.
import { json } from '@codemirror/lang-json';
import { EditorState } from '@codemirror/state';
import { EditorView, basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';

interface Props {
  initial: string;
  json: boolean;
  onChange(text: string): void;
  /** Changes when the caller resets the document (e.g. "revert"). */
  resetKey: number;
}

export function BodyEditor({ initial, json: isJson, onChange, resetKey }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const latest = useRef(onChange);
  latest.current = onChange;

  useEffect(() => {
    const view = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: initial,
        extensions: [
          basicSetup,
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': 'body to send' }),
          ...(isJson ? [json()] : []),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) latest.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    return () => view.destroy();
    // `initial` is read once per reset: typing must not recreate the editor.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resetKey, isJson]);

  return <div className="code-view body-editor" ref={host} />;
}
