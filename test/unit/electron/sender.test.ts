// Which frames may call the API: the top frame of the app's own page, whatever its route, and no
// other; and a call outlives its page no longer than the page.
import { describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import { handleFromAppPage, isAppFrame } from '../../../main/hosts/electron/sender.js';
import { ipcEventFrom } from './support/fake-electron.js';

vi.mock('electron', () => import('./support/fake-electron.js').then((m) => m.electronModule));

const page = 'file:///opt/callback-inspector/dist/renderer/index.html';

describe('isAppFrame', () => {
  it.each([page, `${page}#/inbox`, `${page}#/delivery/12`, `${page}?x=1`])('accepts the app page at %s', (url) => {
    expect(isAppFrame({ url, parent: null }, page)).toBe(true);
  });

  it.each([
    ['another origin', 'https://evil.example/'],
    ['the same path over http', 'http://opt/callback-inspector/dist/renderer/index.html'],
    ['another file', 'file:///opt/callback-inspector/dist/renderer/other.html'],
    ['a file beside the app', 'file:///tmp/index.html'],
    ['a path that only starts like the page', `${page}.evil.html`],
    ['a data URL', 'data:text/html,<script>1</script>'],
    ['about:blank', 'about:blank'],
    ['no URL', ''],
  ])('refuses %s', (_what, url) => {
    expect(isAppFrame({ url, parent: null }, page)).toBe(false);
  });

  it('refuses a subframe even when it shows the app page', () => {
    expect(isAppFrame({ url: page, parent: { url: page } }, page)).toBe(false);
  });

  it('refuses a frame that is gone', () => {
    expect(isAppFrame(null, page)).toBe(false);
  });
});

describe('a call answered for the page', () => {
  const answered = () => {
    let handler: ((event: unknown, input: unknown) => Promise<unknown>) | undefined;
    const ipcMain = { handle: (_channel: string, h: typeof handler) => void (handler = h) };
    let seen: AbortSignal | undefined;
    let release: () => void = () => {};
    handleFromAppPage(ipcMain as never, 'api:waitForDelivery', page, (_input, { signal }) => {
      seen = signal;
      return new Promise((resolve) => (release = () => resolve('done')));
    });
    const sender = new EventEmitter();
    const call = handler!(ipcEventFrom(`${page}#/inbox`, null, sender), {});
    return { sender, call, signal: () => seen!, release: () => release() };
  };

  it('runs with a signal that aborts when its window is destroyed', async () => {
    const { sender, signal, release, call } = answered();
    expect(signal().aborted).toBe(false);
    sender.emit('destroyed');
    expect(signal().aborted).toBe(true);
    release();
    await call;
  });

  it('aborts when the page reloads or navigates off, not when its route (the hash) changes', async () => {
    const { sender, signal, release, call } = answered();
    sender.emit('did-start-navigation', { isSameDocument: true, isMainFrame: true });
    expect(signal().aborted).toBe(false);
    sender.emit('did-start-navigation', { isSameDocument: false, isMainFrame: true });
    expect(signal().aborted).toBe(true);
    release();
    await call;
  });

  it('lets go of the window once answered', async () => {
    const { sender, release, call } = answered();
    release();
    expect(await call).toBe('done');
    expect(sender.listenerCount('destroyed') + sender.listenerCount('did-start-navigation')).toBe(0);
  });
});
