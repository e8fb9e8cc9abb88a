// Where `curl <id>` and `export-har` put a delivery when no target is named, from a command run
// beside (or without) the serve or desktop app that owns the data dir: the public URL the user
// confirmed, else that running receiver's URL. Never the delivery's own Host header.
import { runningInfo } from '../../core/data-dir-lock.js';
import { processAlive } from '../../core/process-alive.js';
import { defaultBase } from '../../core/resend/default-target.js';
import type { Store } from '../../core/store/index.js';

export function cliDefaultBase(dataDir: string, store: Store): string | null {
  const running = runningInfo(dataDir);
  // A note left by a process that was killed names a receiver that is gone.
  const receiverUrl = running?.receiverUrl && processAlive(running.pid) ? running.receiverUrl : null;
  return defaultBase(store.settings.get().publicUrl, receiverUrl);
}
