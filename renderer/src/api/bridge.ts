// The Electron preload's bridge on `window.callbackInspector`; its type is declared in shared/api.ts
// so that the preload and the renderer are checked against the same declaration.
import type { ApiBridge } from '../../../shared/api.js';

export type { ApiBridge };

declare global {
  interface Window {
    callbackInspector?: ApiBridge;
  }
}
