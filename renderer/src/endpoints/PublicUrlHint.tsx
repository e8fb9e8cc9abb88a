// Offers the first X-Forwarded-Host the receiver saw as its public URL. Only offered: any sender can
// write that header, so nothing (the vendor URL shown, re-send and curl defaults, HAR) uses it until
// the user confirms it here, which saves it as settings.publicUrl.
import { useState } from 'react';
import type { ServerInfo } from '../../../shared/api.js';
import { useApi } from '../api/context.js';

export function PublicUrlHint({ info, onConfirmed }: { info: ServerInfo; onConfirmed: () => void }) {
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  const suggested = info.suggestedPublicUrl;
  if (!suggested || sameOrigin(suggested, info.publicUrl)) return null;

  const confirm = async () => {
    try {
      await api.putSettings({ publicUrl: suggested });
      onConfirmed();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="hint-bar" role="note" aria-label="public URL hint">
      A request arrived through <code>{suggested}</code> (its <code>X-Forwarded-Host</code>). If that is your tunnel, use it as the public
      URL; until you do, nothing uses it, since any sender can write that header.{' '}
      <button type="button" onClick={() => void confirm()}>
        Use {suggested} as the public URL
      </button>
      {error && <span className="invalid-note"> {error}</span>}
    </div>
  );
}

function sameOrigin(a: string, b: string | null): boolean {
  if (!b) return false;
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
