// The window's security options and what its contents may do: nothing leaves the app by navigation or
// window.open, whatever the URL.
import { describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, shell } from './support/fake-electron.js';
import { createAppWindow } from '../../../main/hosts/electron/window.js';

vi.mock('electron', () => import('./support/fake-electron.js').then((m) => m.electronModule));

const files = { preload: '/app/dist/preload/preload.cjs', indexHtml: '/app/dist/renderer/index.html' };

function openWindow(): FakeBrowserWindow {
  createAppWindow(files, () => {});
  return FakeBrowserWindow.created.at(-1)!;
}

describe('the app window', () => {
  it('is sandboxed and context-isolated, without Node, with web security on and the bundled preload', () => {
    const prefs = openWindow().options.webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: files.preload,
    });
    expect(prefs).toMatchObject({ experimentalFeatures: false, navigateOnDragDrop: false, disableBlinkFeatures: 'Auxclick' });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('loads the built renderer from disk and shows itself once painted', () => {
    const window = openWindow();
    expect(window.loadFile).toHaveBeenCalledWith(files.indexHtml);
    expect(window.options.show).toBe(false);
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalled();
  });

  it('reports a UI that fails to load instead of leaving an empty window', async () => {
    const failed = vi.fn();
    FakeBrowserWindow.loadError = new Error('ERR_FILE_NOT_FOUND');
    try {
      createAppWindow(files, failed);
      await vi.waitFor(() => expect(failed).toHaveBeenCalledWith(FakeBrowserWindow.loadError));
    } finally {
      FakeBrowserWindow.loadError = null;
    }
  });

  it.each(['https://evil.example/', 'http://127.0.0.1:8787/', 'file:///etc/passwd', 'javascript:alert(1)'])(
    'refuses to navigate to %s and opens nothing',
    (url) => {
      const contents = openWindow().webContents;
      for (const name of ['will-navigate', 'will-redirect']) {
        const event = { preventDefault: vi.fn(), url };
        contents.emit(name, event, url);
        expect(event.preventDefault, name).toHaveBeenCalled();
      }
      expect(shell.openExternal).not.toHaveBeenCalled();
    },
  );

  it.each(['https://example.com/', 'file:///etc/passwd', 'about:blank'])('denies window.open(%s) and opens nothing', (url) => {
    const contents = openWindow().webContents;
    expect(contents.windowOpenHandler!({ url, disposition: 'foreground-tab' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('refuses to attach a webview', () => {
    const event = { preventDefault: vi.fn() };
    openWindow().webContents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});
