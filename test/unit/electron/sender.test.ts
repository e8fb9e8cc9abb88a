// Which frames may call the API: the top frame of the app's own page, whatever its route, and no other.
import { describe, expect, it, vi } from 'vitest';
import { isAppFrame } from '../../../main/hosts/electron/sender.js';

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
