// Checks the re-send editor's text as JSON off the main thread: 8 MB takes a few hundred ms.
import { checkJson, type JsonCheck } from './json-check.js';

// The renderer is typed with the DOM library; a worker's global scope is this much of it.
const scope = self as unknown as {
  onmessage: (e: MessageEvent<{ id: number; text: string }>) => void;
  postMessage(answer: { id: number; check: JsonCheck }): void;
};
scope.onmessage = (e) => scope.postMessage({ id: e.data.id, check: checkJson(e.data.text) });
