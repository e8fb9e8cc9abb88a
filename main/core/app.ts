// Composition root: opens the store, starts the receiver and returns the service. Both hosts (the
// Electron main process and the `serve` CLI) start the core through this one function.
import { join } from 'node:path';
import type { ApiService } from '../../shared/api.js';
import type { EndpointConfig } from '../../shared/model.js';
import { startReceiver, type Receiver, type ReceiverTimeouts } from './receiver/http-server.js';
import { EventBus } from './service/events.js';
import { createRecorder } from './service/recorder.js';
import { createResendEngine, type ResendEngine } from './resend/engine.js';
import { createResendOps } from './service/resend-ops.js';
import { createService } from './service/service.js';
import { startCheckpointer } from './store/checkpointer.js';
import { openStore, type Store } from './store/index.js';
import { version } from './version.js';

export interface CoreOptions {
  dataDir: string;
  receiverHost?: string;
  receiverPort?: number;
  /** Default 32 MiB. */
  bodyLimit?: number;
  nativeBinding?: string;
  receiverTimeouts?: Partial<ReceiverTimeouts>;
  /** Injected for tests of the random failure rate. */
  random?: () => number;
  /** Where unexpected receiver errors are reported (stderr for the CLI). */
  onError?: (error: unknown) => void;
}

export interface Core {
  service: ApiService;
  events: EventBus;
  store: Store;
  receiver: Receiver;
  /** Re-send jobs: they run in this process, beside the receiver, never on its request path. */
  resend: ResendEngine;
  dataDir: string;
  /** Stops the receiver (finishing in-flight requests) and cancels re-send jobs (their end is recorded), then checkpoints and closes the store. */
  close(): Promise<void>;
}

export const DEFAULT_BODY_LIMIT = 32 * 1024 * 1024;
export const DATABASE_FILE = 'callback-inspector.db';

export async function startCore(options: CoreOptions): Promise<Core> {
  const store = openStore(join(options.dataDir, DATABASE_FILE), options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const checkpointer = startCheckpointer(store.db, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const events = new EventBus();
  let endpoints = indexByName(store.endpoints.list());
  let lastForwarded: string | null = null;
  const handle = createRecorder({
    store,
    events,
    endpoint: (name) => endpoints.get(name),
    ...(options.random ? { random: options.random } : {}),
    onForwardedHost: (url) => (lastForwarded = url),
  });
  let receiver: Receiver;
  try {
    receiver = await startReceiver({
      host: options.receiverHost ?? '127.0.0.1',
      port: options.receiverPort ?? 8787,
      bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
      handle,
      ...(options.receiverTimeouts ? { timeouts: options.receiverTimeouts } : {}),
      onError: options.onError ?? ((e) => console.error('receiver error:', e)),
    });
  } catch (error) {
    await checkpointer.stop();
    store.close();
    throw error;
  }
  const resend = createResendEngine({ store, events });
  const service = createService({
    store,
    resend: createResendOps({ store, engine: resend }),
    onEndpointsChanged: (list) => (endpoints = indexByName(list)),
    info: () => ({
      version,
      receiverUrl: receiver.url,
      publicUrl: store.settings.get().publicUrl || lastForwarded,
      dataDir: options.dataDir,
    }),
  });
  let closing: Promise<void> | undefined;
  return {
    service,
    events,
    store,
    receiver,
    resend,
    dataDir: options.dataDir,
    close: () =>
      (closing ??= (async () => {
        await Promise.all([receiver.close(), resend.close()]);
        await checkpointer.stop();
        store.checkpoint();
        store.close();
      })()),
  };
}

function indexByName(list: EndpointConfig[]): Map<string, EndpointConfig> {
  return new Map(list.map((e) => [e.name, e]));
}
