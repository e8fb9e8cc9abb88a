// The session's policy: every response carries our CSP (and only ours), and every permission is refused.
import { describe, expect, it, vi } from 'vitest';
import type { Session } from 'electron';
import { defaultSession } from './support/fake-electron.js';
import { applySessionPolicy, DESKTOP_CSP } from '../../../main/hosts/electron/session-policy.js';

vi.mock('electron', () => import('./support/fake-electron.js').then((m) => m.electronModule));

applySessionPolicy(defaultSession as unknown as Session);
const lastArg = (fn: { mock: { calls: unknown[][] } }, index: number) => fn.mock.calls.at(-1)![index] as (...args: any[]) => any;

describe('the session policy', () => {
  it('sets the CSP on every response, replacing any the response brought', () => {
    const onHeaders = lastArg(defaultSession.webRequest.onHeadersReceived, 0);
    const callback = vi.fn();
    onHeaders(
      { url: 'file:///app/dist/renderer/index.html', responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] } },
      callback,
    );
    const headers = callback.mock.calls[0]![0].responseHeaders as Record<string, string[]>;
    expect(headers['Content-Security-Policy']).toEqual([DESKTOP_CSP]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['X-Other']).toEqual(['1']);
  });

  it('allows scripts only from the app itself, never inline or eval, and no network at all', () => {
    const directives = new Map(DESKTOP_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'none'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(DESKTOP_CSP).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
  });

  it.each(['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal'])('refuses the %s permission', (permission) => {
    const request = lastArg(defaultSession.setPermissionRequestHandler, 0);
    const callback = vi.fn();
    request({}, permission, callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect(lastArg(defaultSession.setPermissionCheckHandler, 0)({}, permission, 'file://', {})).toBe(false);
  });

  it('refuses device (USB, serial, HID) access', () => {
    expect(lastArg(defaultSession.setDevicePermissionHandler, 0)({ deviceType: 'usb' })).toBe(false);
  });
});
