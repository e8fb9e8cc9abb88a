// Which named endpoint a request belongs to: `/hooks/<name>/...` is `<name>`, anything else `default`.

export const DEFAULT_ENDPOINT = 'default';
const HOOK_PATH = /^\/hooks\/([A-Za-z0-9][A-Za-z0-9_.-]{0,63})(?:\/|$)/;

export function endpointOfPath(path: string): string {
  return HOOK_PATH.exec(path)?.[1] ?? DEFAULT_ENDPOINT;
}

export function endpointPath(name: string): string {
  return name === DEFAULT_ENDPOINT ? '/' : `/hooks/${name}/`;
}
