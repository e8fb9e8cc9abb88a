// The renderer's Content-Security-Policy, one definition for both hosts: payload text is data, and
// even if some reached the DOM as markup, no inline script, plugin, frame or foreign origin would load.

/** `connectSrc`: `'self'` in a browser (the HTTP API and SSE); `'none'` in Electron (IPC only). */
export function rendererCsp(connectSrc: "'self'" | "'none'"): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'", // CodeMirror and the virtual list set element styles
    "img-src 'self' data:",
    "font-src 'self'",
    "worker-src 'self'", // the JSON pretty-printer runs in a module worker
    `connect-src ${connectSrc}`,
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
