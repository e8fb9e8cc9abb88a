// The app's one window: a sandboxed, context-isolated renderer with no Node, showing the built UI
// from disk, that can neither navigate away nor open windows.
import { BrowserWindow, type WebContents } from 'electron';

export interface WindowFiles {
  /** dist/preload/preload.cjs: bundled, because a sandboxed preload cannot load modules. */
  preload: string;
  /** dist/renderer/index.html */
  indexHtml: string;
}

/** Refuses every navigation and new window; outbound links go through links.ts instead. */
export function lockNavigation(contents: WebContents): void {
  // Route changes are hash changes (in-page), which never reach will-navigate.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function createAppWindow(files: WindowFiles, onLoadFailed: (error: unknown) => void): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 500,
    title: 'Callback Inspector',
    show: false,
    // Written out here, not built elsewhere, so that a reader and electronegativity's static checks
    // both see every option where the window is made.
    webPreferences: {
      preload: files.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // Middle-click opens links through a path the preload's click handler does not see.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  lockNavigation(window.webContents);
  window.once('ready-to-show', () => window.show());
  window.loadFile(files.indexHtml).catch(onLoadFailed);
  return window;
}
