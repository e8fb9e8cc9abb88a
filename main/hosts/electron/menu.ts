// The application menu: the standard roles (so copy/paste and zoom work in the UI) plus the few things
// a QA user needs from the desktop itself: the receiver URL to give the vendor, the data folder, and
// the receiver settings file.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  copyReceiverUrl(): void;
  openDataFolder(): void;
  editReceiverSettings(): void;
}

export function menuTemplate(options: { isMac: boolean; isPackaged: boolean; actions: MenuActions }): MenuItemConstructorOptions[] {
  const { isMac, isPackaged, actions } = options;
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Copy Receiver URL', accelerator: 'CmdOrCtrl+Shift+C', click: () => actions.copyReceiverUrl() },
      { label: 'Open Data Folder', click: () => actions.openDataFolder() },
      { label: 'Edit Receiver Settings…', click: () => actions.editReceiverSettings() },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      // Developer tools only when running from source; a packaged app has no use for them.
      ...(isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  return [...(isMac ? [{ role: 'appMenu' } as const] : []), file, { role: 'editMenu' }, view, { role: 'windowMenu' }];
}
