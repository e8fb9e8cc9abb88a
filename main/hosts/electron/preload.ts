// The preload: the page's only door to the main process. It exposes ONE object,
// `window.callbackInspector` (the ApiBridge of shared/api.ts, see bridge.ts), and never ipcRenderer
// itself. It is bundled to one CommonJS file (vite.preload.config.ts) because a sandboxed preload
// cannot load modules; shared/api.ts comes along with zod, which the preload never runs (only the
// operations table's keys are read), rather than a second, hand-written list of operation names.
import { contextBridge } from 'electron';
import { buildBridge, onLinkClick, type ClickLike } from './bridge.js';
import { BRIDGE_KEY } from './channels.js';

contextBridge.exposeInMainWorld(BRIDGE_KEY, buildBridge());
// Registered before any page script runs, so it sees every click first (see onLinkClick).
(
  globalThis as unknown as { addEventListener(type: 'click', listener: (event: ClickLike) => void, capture: boolean): void }
).addEventListener('click', onLinkClick, true);
