// The session the window runs in: a strict Content-Security-Policy on every response (the renderer's
// index.html is built by another package, so the policy is added here rather than as a meta tag) and
// every permission (camera, notifications, clipboard-read, ...) refused; the app needs none.
import type { Session } from 'electron';
import { rendererCsp } from '../../../shared/csp.js';

// The desktop renderer talks to the core over IPC only: no fetch, XHR or WebSocket anywhere, so a
// script that slipped in could not reach the receiver or other loopback services either.
export const DESKTOP_CSP = rendererCsp("'none'");

export function applySessionPolicy(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    // Drop any policy a response brought with it (file:// brings none) so ours is the one enforced.
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [DESKTOP_CSP] } });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
