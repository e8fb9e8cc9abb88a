// Typing into a line of megabytes, applied straight to the document. Left to the browser, a key edits
// the DOM and CodeMirror, reading that edit back, compares the whole line with its text from the end
// (40–60 ms a key for an 8 MB body on one line). Plain typed text only: composition (IME), spelling
// replacements and deletions go CodeMirror's usual way; input handlers (bracket closing) still run.
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

export const typingWithoutDom: Extension = EditorView.domEventHandlers({
  beforeinput(event, view) {
    const text = event.data;
    if (event.inputType !== 'insertText' || event.isComposing || !text || view.state.readOnly) return false;
    event.preventDefault();
    const { from, to } = view.state.selection.main;
    const insert = () => view.state.update(view.state.replaceSelection(text), { scrollIntoView: true, userEvent: 'input.type' });
    if (!view.state.facet(EditorView.inputHandler).some((handle) => handle(view, from, to, text, insert))) view.dispatch(insert());
    return true;
  },
});
