// Starts the real core on a temp data dir and free ports, and cleans up after the test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore, type Core, type CoreOptions } from '../../../main/core/app.js';
import { validatingClient, type ApiClient } from '../../../shared/api.js';

export function tempDir(prefix = 'ci-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export async function startTestCore(options: Partial<CoreOptions> = {}): Promise<Core & { api: ApiClient; cleanup: () => Promise<void> }> {
  const dir = options.dataDir ? null : tempDir();
  // Reads wait for the backlog as long as a test may take: on a loaded machine a deriver can start
  // slower than the app's 2 s wait, and a read would then see `pending` where the test meant derived.
  const core = await startCore({ dataDir: dir?.path ?? options.dataDir!, receiverPort: 0, readWaitMs: 60_000, ...options });
  return Object.assign(core, {
    /** The service behind the same input validation as the HTTP and IPC transports. */
    api: validatingClient(core.service),
    cleanup: async () => {
      await core.close();
      dir?.remove();
    },
  });
}
