// What the preload hands to the page, built from the contract's operations table so that no list of
// operation names is kept here: one function per operation (an `api:<name>` invoke), `on` for events,
// and the trusted-click handler for outbound links. Runs in the preload's isolated world.
import { ipcRenderer, type IpcRendererEvent } from 'electron';
import { eventNames, operations, type ApiBridge, type EventName, type OpName } from '../../../shared/api.js';
import { eventChannel, invokeChannel, OPEN_EXTERNAL_CHANNEL, type IpcReply } from './channels.js';

function unwrap(reply: IpcReply): unknown {
  if (reply.ok) return reply.result;
  // Only the message crosses the context bridge; it already lists the validation issues.
  throw new Error(reply.error.message);
}

export function buildBridge(): ApiBridge {
  const bridge: Record<string, unknown> = {};
  for (const name of Object.keys(operations) as OpName[]) {
    bridge[name] = async (input: unknown) => unwrap((await ipcRenderer.invoke(invokeChannel(name), input)) as IpcReply);
  }
  bridge.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!eventNames.includes(event)) throw new Error(`unknown event: ${String(event)}`);
    // The IpcRendererEvent stays here: it carries `sender` (ipcRenderer) which the page must not get.
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(eventChannel(event), forward);
    return () => void ipcRenderer.removeListener(eventChannel(event), forward);
  };
  return bridge as ApiBridge;
}

export interface ClickLike {
  isTrusted: boolean;
  button: number;
  defaultPrevented: boolean;
  target: { closest?(selector: string): { href?: unknown } | null } | null;
  preventDefault(): void;
}

/**
 * Opens http(s) links in the system browser when the USER clicks them. `isTrusted` is false for
 * clicks a script synthesises, and this listener, registered before any page script runs, sees the
 * click first; so a page script cannot open URLs on its own (will-navigate and window.open are
 * refused in the main process whatever the URL).
 */
export function onLinkClick(event: ClickLike): void {
  if (!event.isTrusted || event.button !== 0 || event.defaultPrevented) return;
  const href = event.target?.closest?.('a[href]')?.href;
  if (typeof href !== 'string' || !/^https?:/i.test(href)) return;
  event.preventDefault();
  void ipcRenderer.invoke(OPEN_EXTERNAL_CHANNEL, href).catch(() => {
    /* refused by the main process (see links.ts), which says why in its own log */
  });
}
