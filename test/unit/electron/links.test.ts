// Outbound links: only http(s), only in the system browser, only from the app's page.
import { describe, expect, it, vi, beforeEach } from 'vitest';
import { OPEN_EXTERNAL_CHANNEL } from '../../../main/hosts/electron/channels.js';
import { externalHttpUrl, registerOpenExternal } from '../../../main/hosts/electron/links.js';
import { handlers, ipcEventFrom, ipcMain, shell } from './support/fake-electron.js';

vi.mock('electron', () => import('./support/fake-electron.js').then((m) => m.electronModule));

const page = 'file:///app/dist/renderer/index.html';
registerOpenExternal(ipcMain, page, (url) => shell.openExternal(url));
const open = (url: unknown, from = page) => handlers.get(OPEN_EXTERNAL_CHANNEL)!(ipcEventFrom(from), url);

beforeEach(() => shell.openExternal.mockClear());

describe('opening a link the user clicked', () => {
  it.each(['https://docs.example.com/callbacks', 'http://127.0.0.1:8787/'])('opens %s in the system browser', async (url) => {
    await open(url);
    expect(shell.openExternal).toHaveBeenCalledWith(url);
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'smb://host/share', 'not a url', 42])(
    'never opens %s',
    async (url) => {
      await expect(open(url)).rejects.toThrow(/only http\(s\) links/);
      expect(shell.openExternal).not.toHaveBeenCalled();
    },
  );

  it('refuses a request from a page that is not the app', async () => {
    await expect(open('https://example.com/', 'https://evil.example/')).rejects.toThrow(/not the Callback Inspector page/);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('externalHttpUrl', () => {
  it('normalises what it accepts', () => {
    expect(externalHttpUrl('HTTPS://Example.com')).toBe('https://example.com/');
  });
});
