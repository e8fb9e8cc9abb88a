// Formats a body off the main thread: parsing and indenting 8 MB takes a few hundred ms (more on a slow machine).
import { prettyJson, type Pretty } from './pretty-json.js';

// The renderer is typed with the DOM library; a worker's global scope is this much of it.
const scope = self as unknown as { onmessage: (e: MessageEvent<string>) => void; postMessage(result: Pretty): void };
scope.onmessage = (e) => scope.postMessage(prettyJson(e.data));
