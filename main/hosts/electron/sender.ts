// The one gate every IPC handler goes through: a call is answered only when it comes from the app's
// own page (the main frame of dist/renderer/index.html), never from another origin, file or subframe
// that might end up in a webContents. Nothing runs for a refused call. A call answered runs with a
// signal that aborts when the page that asked goes away (its window closed, reloaded or navigated
// off), so that a long waitForDelivery does not outlive it.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { OpContext } from '../../../shared/api.js';

interface FrameLike {
  url: string;
  parent?: unknown;
}

/** True only for the top frame showing `pageUrl`; the hash (the renderer's route) and query may differ. */
export function isAppFrame(frame: FrameLike | null | undefined, pageUrl: string): boolean {
  if (!frame || frame.parent) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  if (url.protocol !== 'file:') return false;
  url.hash = '';
  url.search = '';
  return url.href === new URL(pageUrl).href;
}

export class ForeignSenderError extends Error {
  constructor(channel: string, url: string | undefined) {
    super(`refused ${channel}: the caller (${url ?? 'a destroyed frame'}) is not the Callback Inspector page`);
  }
}

/** `ipcMain.handle`, but the handler runs only for calls from the app's page; others are rejected. */
export function handleFromAppPage(
  ipcMain: Pick<IpcMain, 'handle'>,
  channel: string,
  pageUrl: string,
  run: (input: unknown, context: OpContext) => Promise<unknown>,
): void {
  ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown) => {
    // senderFrame is null when the frame navigated away or was destroyed before the call arrived.
    const frame = event.senderFrame;
    if (!isAppFrame(frame, pageUrl)) throw new ForeignSenderError(channel, frame?.url);
    const left = callerLeaving(event.sender);
    try {
      return await run(input, { signal: left.signal });
    } finally {
      left.stop();
    }
  });
}

/** What a webContents says when its page goes: destroyed, or a new document loaded in its main frame. */
interface PageHost {
  on(event: 'destroyed', listener: () => void): unknown;
  on(event: 'did-start-navigation', listener: (details: { isSameDocument?: boolean; isMainFrame?: boolean }) => void): unknown;
  off(event: string, listener: (...args: never[]) => void): unknown;
}

/** A signal that aborts when the page in `host` goes (a route change in the page is not that). */
export function callerLeaving(host: PageHost): { signal: AbortSignal; stop: () => void } {
  const abort = new AbortController();
  const gone = () => abort.abort(new Error('the window that asked has gone'));
  const navigated = (details: { isSameDocument?: boolean; isMainFrame?: boolean }) => {
    if (details?.isMainFrame !== false && details?.isSameDocument === false) gone();
  };
  host.on('destroyed', gone);
  host.on('did-start-navigation', navigated);
  return {
    signal: abort.signal,
    stop: () => {
      host.off('destroyed', gone);
      host.off('did-start-navigation', navigated);
    },
  };
}
