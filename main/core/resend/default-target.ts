// Where a stored delivery goes when the user names no target (the re-send dialog's default, `curl <id>`
// without --to, HAR): its path and query on the public URL the user confirmed, else on the receiver.
// Never on a URL read from the delivery's own Host or X-Forwarded-Host: whoever sends a request
// writes those, and a copied command or a one-click re-send would carry the body to them.

/** The confirmed public URL (settings.publicUrl) when set, else the receiver's URL; null when neither is known. */
export function defaultBase(publicUrl: string | null | undefined, receiverUrl: string | null | undefined): string | null {
  return [publicUrl, receiverUrl].find((u): u is string => !!u && httpUrl(u) !== null) ?? null;
}

/** `path` and `query` as the receiver stored them, on `base`; null without a usable base. */
export function targetOn(base: string | null, path: string, query: string): string | null {
  const url = base === null ? null : httpUrl(base);
  if (!url) return null;
  // The setters percent-encode what a URL cannot hold and never change the host, whatever the path says.
  url.pathname = url.pathname.replace(/\/+$/, '') + requestPath(path);
  url.search = query;
  url.hash = '';
  return url.href;
}

/** The path of a request target; the absolute form (`POST http://host/p`) names a host too, which is dropped. */
function requestPath(path: string): string {
  if (path.startsWith('/')) return path;
  return URL.canParse(path) ? new URL(path).pathname : `/${path}`;
}

function httpUrl(u: string): URL | null {
  if (!URL.canParse(u)) return null;
  const url = new URL(u);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}
