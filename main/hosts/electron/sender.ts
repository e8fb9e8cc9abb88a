// The one gate every IPC handler goes through: a call is answered only when it comes from the app's
// own page (the main frame of dist/renderer/index.html), never from another origin, file or subframe
// that might end up in a webContents. Nothing runs for a refused call.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';

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
  run: (input: unknown) => Promise<unknown>,
): void {
  ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown) => {
    // senderFrame is null when the frame navigated away or was destroyed before the call arrived.
    const frame = event.senderFrame;
    if (!isAppFrame(frame, pageUrl)) throw new ForeignSenderError(channel, frame?.url);
    return run(input);
  });
}
