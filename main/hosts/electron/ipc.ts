// The IPC adapter: one `api:<operation>` handler per entry of the contract's operations table (a loop,
// so a new operation needs nothing here), each behind the sender check, validating its input with the
// operation's schema before the service sees it; and the core's events pushed to the window.
import type { IpcMain } from 'electron';
import { ApiInputError, eventNames, operations, parseInput, type ApiService, type OpContext, type OpName } from '../../../shared/api.js';
import type { EventBus } from '../../core/events/event-bus.js';
import { eventChannel, invokeChannel, type IpcReply } from './channels.js';
import { handleFromAppPage } from './sender.js';

export interface IpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  service: ApiService;
  events: EventBus;
  /** file:// URL of dist/renderer/index.html: the only page whose calls are answered. */
  pageUrl: string;
  /** The window's contents, or null while there is no window (macOS after closing it). */
  target: () => { send(channel: string, payload: unknown): void; isDestroyed(): boolean } | null;
  /** Where failures that are bugs (not bad input) are reported. */
  onError: (error: unknown) => void;
}

/** Registers the handlers and event forwarding; the returned function undoes both. */
export function registerIpc(options: IpcOptions): () => void {
  const names = Object.keys(operations) as OpName[];
  for (const name of names) {
    const run = options.service[name] as (args: unknown, context: OpContext) => Promise<unknown>;
    handleFromAppPage(options.ipcMain, invokeChannel(name), options.pageUrl, async (input, context): Promise<IpcReply> => {
      try {
        return { ok: true, result: await run(parseInput(name, input), context) };
      } catch (error) {
        if (error instanceof ApiInputError) return { ok: false, error: { message: error.message, issues: error.issues } };
        options.onError(error);
        return { ok: false, error: { message: error instanceof Error ? error.message : String(error), issues: [] } };
      }
    });
  }
  const unsubscribe = eventNames.map((event) =>
    options.events.on(event, (payload) => {
      const target = options.target();
      if (target && !target.isDestroyed()) target.send(eventChannel(event), payload);
    }),
  );
  return () => {
    for (const name of names) options.ipcMain.removeHandler(invokeChannel(name));
    for (const off of unsubscribe) off();
  };
}
