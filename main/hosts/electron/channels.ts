// The IPC vocabulary shared by the main side (ipc.ts) and the preload: channel names are derived from
// the contract's operation and event names here, once, so the two sides cannot drift apart.
import type { EventName, OpName } from '../../../shared/api.js';

/** The one global the preload adds to the page: `window.callbackInspector` (see ApiBridge). */
export const BRIDGE_KEY = 'callbackInspector';

export const invokeChannel = (op: OpName): string => `api:${op}`;
export const eventChannel = (event: EventName): string => `event:${event}`;

/**
 * What an `api:*` handler resolves with. ipcRenderer.invoke carries only a thrown Error's message,
 * wrapped in Electron's "Error invoking remote method ..." text; a reply value keeps the validation
 * issues intact so the renderer can show what the HTTP client would show.
 */
export type IpcReply =
  { ok: true; result: unknown } | { ok: false; error: { message: string; issues: Array<{ path: string; message: string }> } };

/** The preload reports a user's click on an http(s) link here; see links.ts. */
export const OPEN_EXTERNAL_CHANNEL = 'app:openExternal';
