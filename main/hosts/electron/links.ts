// Which links may leave the app: only http(s) URLs, opened in the system browser, and only when the
// user clicked them (the preload reports trusted clicks; see preload.ts). Navigation of the app's own
// window and new windows are always refused, whoever asks.
import type { IpcMain } from 'electron';
import { OPEN_EXTERNAL_CHANNEL } from './channels.js';
import { handleFromAppPage } from './sender.js';

/** The URL to hand to the system browser, or null for anything but a well-formed http(s) URL. */
export function externalHttpUrl(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function registerOpenExternal(
  ipcMain: Pick<IpcMain, 'handle'>,
  pageUrl: string,
  openExternal: (url: string) => Promise<void>,
): void {
  handleFromAppPage(ipcMain, OPEN_EXTERNAL_CHANNEL, pageUrl, async (raw) => {
    const url = externalHttpUrl(raw);
    if (!url) throw new Error(`not opened: only http(s) links open in the browser (got ${String(raw).slice(0, 100)})`);
    await openExternal(url);
  });
}
