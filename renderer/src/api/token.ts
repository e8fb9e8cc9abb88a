// The `serve` UI URL carries the API token in its hash (`#token=...`): hashes never reach server logs
// or Referer headers. It is moved to sessionStorage and stripped from the address bar so that
// screenshots and copied links do not leak it.

export interface TokenEnv {
  hash: string;
  /** sessionStorage in the app; typed by hand so tests run without the DOM. */
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  /** Replaces the hash without a navigation (history.replaceState). */
  replaceHash: (hash: string) => void;
}

const KEY = 'callback-inspector.token';

export function takeToken(env: TokenEnv): string | null {
  if (env.hash.startsWith('#token=')) {
    const token = new URLSearchParams(env.hash.slice(1)).get('token');
    if (token) {
      env.storage.setItem(KEY, token);
      env.replaceHash('#/inbox');
      return token;
    }
  }
  return env.storage.getItem(KEY);
}
