// Quitting waits for the core: the receiver stops accepting and finishes in-flight deliveries (their
// rows committed, their answers sent), then the WAL is checkpointed and the store closed. Electron
// does not wait for promises in before-quit, so the first quit is held back and repeated when done.
import type { App } from 'electron';

export function installGracefulQuit(app: Pick<App, 'on' | 'quit'>, close: () => Promise<void>, onError: (error: unknown) => void): void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    close()
      .catch(onError)
      .finally(() => {
        state = 'closed';
        app.quit();
      });
  });
  // Ctrl-C in the terminal running `npm start`, or a session logout: the same orderly path.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());
}
