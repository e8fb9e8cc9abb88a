// The URL to give the vendor for an endpoint: `default` is the receiver's root, any other name lives
// under `hooks/<name>/` (see main/core/receiver/endpoint-path.ts).

export const DEFAULT_ENDPOINT = 'default';

export function vendorUrl(base: string, name: string): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  return name === DEFAULT_ENDPOINT ? root : `${root}hooks/${encodeURIComponent(name)}/`;
}
