// Formats a body off the main thread: decoding, parsing and indenting 8 MB takes a few hundred ms (more on a slow machine).
import { utf8Text } from '../../../shared/raw-body-text.js';
import { prettyJson, type Pretty } from './pretty-json.js';

// The renderer is typed with the DOM library; a worker's global scope is this much of it.
const scope = self as unknown as { onmessage: (e: MessageEvent<Uint8Array>) => void; postMessage(result: Pretty): void };
scope.onmessage = (e) => scope.postMessage(prettyJson(utf8Text(e.data)));
