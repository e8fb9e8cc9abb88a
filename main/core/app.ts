// Composition root: opens the store, starts the receiver and returns the service. Every host (the
// Electron main process, `serve`, and the other CLI commands when no serve holds the data directory,
// with `receiver: false`) starts the core through this one function.
import { join } from 'node:path';
import type { ApiService, OpName } from '../../shared/api.js';
import type { EndpointConfig } from '../../shared/model.js';
import { startDeriver, type Deriver } from './derive/deriver.js';
import { startBodyReader } from './bodies/body-reader.js';
import type { ChildLauncher } from './child-process.js';
import type { IngestLimits } from './ingest/limits.js';
import { startReceiver, type Receiver, type ReceiverTimeouts } from './receiver/http-server.js';
import { isOwnReceiver } from './store/resend-mark.js';
import { EventBus, latestEvery } from './events/event-bus.js';
import { createRecorder } from './receiver/recorder.js';
import { createForwarder } from './forward/forwarder.js';
import { defaultBase } from './resend/default-target.js';
import { createResendEngine, type ResendEngine } from './resend/engine.js';
import { createTransport } from './resend/http-send.js';
import { createForwardOps } from './service/forward-ops.js';
import { createResendOps } from './service/resend-ops.js';
import { startRetention } from './service/retention.js';
import { createService } from './service/service.js';
import { announceDeliveries } from './service/announce-deliveries.js';
import { DEFAULT_WAL_LIMIT, startCheckpointer } from './store/checkpointer.js';
import { openStore, type Store } from './store/index.js';
import { version } from './version.js';
import { lockDataDir } from './data-dir-lock.js';

export interface CoreOptions {
  dataDir: string;
  receiverHost?: string;
  receiverPort?: number;
  /** Default 32 MiB. */
  bodyLimit?: number;
  /**
   * Body bytes held by all requests not yet committed, at most; past it the receiver answers 503 with
   * Retry-After. 0: no cap. Default 256 MiB; at least `bodyLimit`, or a body that size could never be taken.
   */
  inflightBudget?: number;
  /** Open receiver connections, at most (0: no cap). Default 1,024. */
  maxConnections?: number;
  /** WAL size past which it is checkpointed and truncated (0: never). Default 64 MiB. */
  walLimit?: number;
  nativeBinding?: string;
  receiverTimeouts?: Partial<ReceiverTimeouts>;
  /** Injected for tests of the random failure rate. */
  random?: () => number;
  /** How much of one body ingest reads and indexes (ingest/limits.ts: calls, redials, values, rows). */
  ingestLimits?: Partial<IngestLimits>;
  /** The deriver's process's heap (MiB) and per-batch time limit: past either, a delivery is marked not derivable. */
  deriverHeapMb?: number;
  deriverBatchTimeoutMs?: number;
  /** How child processes are started (the deriver's, the body reader's, the checkpointer's): Node's fork by default; the desktop app's is Electron's. */
  childLauncher?: ChildLauncher;
  /** Where unexpected receiver errors are reported (stderr for the CLI). */
  onError?: (error: unknown) => void;
  /**
   * How long a read waits for deliveries still being derived before it sees them as `pending`.
   * Default 2 s (a receiver keeps committing; the UI must answer); a CLI command without a receiver
   * waits until what was pending at its start is derived.
   */
  readWaitMs?: number;
}

export interface Core extends CoreWithoutReceiver {
  receiver: Receiver;
}

/** The core started with `receiver: false`. */
export interface CoreWithoutReceiver {
  service: ApiService;
  events: EventBus;
  store: Store;
  /** Re-send jobs: they run in this process, beside the receiver, never on its request path. */
  resend: ResendEngine;
  dataDir: string;
  /** Stops the receiver (finishing in-flight requests) and cancels re-send jobs (their end is recorded), then checkpoints and closes the store. */
  close(): Promise<void>;
}

export const DEFAULT_BODY_LIMIT = 32 * 1024 * 1024;
export const DEFAULT_INFLIGHT_BUDGET = 256 * 1024 * 1024;
export const DEFAULT_MAX_CONNECTIONS = 1024;
export { DEFAULT_WAL_LIMIT };
export const DATABASE_FILE = 'callback-inspector.db';

/**
 * `receiver: false`: no receiver (a CLI command run while no serve holds the data directory): the
 * store, the deriver, re-sends and the service, nothing listening. The data directory is locked all
 * the same.
 */
export function startCore(options: CoreOptions & { receiver: false }): Promise<CoreWithoutReceiver>;
export function startCore(options: CoreOptions): Promise<Core>;
export async function startCore(options: CoreOptions & { receiver?: false }): Promise<Core | CoreWithoutReceiver> {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const inflightBudget = options.inflightBudget ?? DEFAULT_INFLIGHT_BUDGET;
  const maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  const walLimit = options.walLimit ?? DEFAULT_WAL_LIMIT;
  // One path for what goes wrong in any part (receiver, deriver, checkpointer, events, forwards, re-sends, retention): the host's.
  const reportError = options.onError ?? ((e: unknown) => console.error('callback-inspector:', e));
  if (inflightBudget > 0 && inflightBudget < bodyLimit) {
    throw new RangeError(
      `the in-flight budget (${inflightBudget} bytes) is smaller than the body limit (${bodyLimit} bytes): a body that size would be refused forever`,
    );
  }
  const lock = lockDataDir(options.dataDir, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  // What has been started so far, undone in reverse if a later step fails: a failed start leaves
  // neither the store open nor the data directory locked.
  const undo: Array<() => unknown> = [() => lock.release()];
  try {
    const store = openStore(join(options.dataDir, DATABASE_FILE), options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    undo.push(() => store.close());
    const checkpointer = startCheckpointer(store.db, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.childLauncher ? { launch: options.childLauncher } : {}),
      walLimit,
      onError: reportError,
    });
    undo.push(() => checkpointer.stop());
    const events = new EventBus(reportError);
    const backlog = latestEvery<number>((pending: number) => events.emit('backlog', { pending }), BACKLOG_EVERY_MS, 0);
    const deriver = startDeriver({
      store,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      // A delivery is announced once it is derived, so that listeners see its kind, calls and problems.
      onDerived: (ids) => announceDeliveries(store, events, ids),
      onError: reportError,
      onBacklog: backlog,
      ...(options.ingestLimits ? { limits: options.ingestLimits } : {}),
      ...(options.deriverHeapMb ? { heapMb: options.deriverHeapMb } : {}),
      ...(options.deriverBatchTimeoutMs ? { batchTimeoutMs: options.deriverBatchTimeoutMs } : {}),
      ...(options.childLauncher ? { launch: options.childLauncher } : {}),
    });
    undo.push(() => deriver.stop());
    let endpoints = indexByName(store.endpoints.list());
    // A hint only, offered for the user to confirm as the public URL: any sender can write
    // X-Forwarded-Host. The first one, so that later requests cannot change what is offered.
    let suggestedPublicUrl: string | null = null;
    /** Known once the receiver listens. */
    let receiverUrl: string | null = null;
    const resend = createResendEngine({
      store,
      events,
      onError: reportError,
      // Only the public URL the user configured: X-Forwarded-Host comes from whoever sends a request.
      isOwnReceiver: (url) => receiverUrl !== null && isOwnReceiver(url, receiverUrl, store.settings.get().publicUrl || null),
    });
    undo.push(() => resend.close());
    store.forwards.interruptPending(Date.now());
    const forwarder = createForwarder({ store, runner: resend.runner, transport: createTransport() });
    const handle = createRecorder({
      store,
      forwarder,
      onCommitted: (lastId) => deriver.committed(lastId),
      onError: reportError,
      endpoint: (name) => endpoints.get(name),
      ...(options.random ? { random: options.random } : {}),
      onForwardedHost: (origin) => (suggestedPublicUrl = origin),
    });
    const receiver = options.receiver === false ? null : await startListening();
    async function startListening(): Promise<Receiver> {
      store.deliveries.warmRetryWindow();
      const started = await startReceiver({
        host: options.receiverHost ?? '127.0.0.1',
        port: options.receiverPort ?? 8787,
        bodyLimit,
        inflightBudget,
        maxConnections,
        handle,
        ...(options.receiverTimeouts ? { timeouts: options.receiverTimeouts } : {}),
        onError: reportError,
      });
      undo.push(() => started.close());
      receiverUrl = started.url;
      lock.announce({ receiverUrl });
      return started;
    }
    const retention = startRetention(store, reportError);
    const bodies = startBodyReader({
      file: store.db.name,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.childLauncher ? { launch: options.childLauncher } : {}),
    });
    undo.push(() => bodies.stop());
    const targetBase = () => defaultBase(store.settings.get().publicUrl, receiverUrl);
    const service = afterDerivation(
      deriver,
      options.readWaitMs ?? READ_WAIT_MS,
      createService({
        bodies,
        applyRetention: retention.run,
        store,
        resend: createResendOps({ store, engine: resend, defaultBase: targetBase }),
        defaultBase: targetBase,
        events,
        forward: createForwardOps({ store, forwarder }),
        onEndpointsChanged: (list) => {
          endpoints = indexByName(list);
          forwarder.reconfigured(list);
        },
        info: () => ({
          version,
          // No receiver (a CLI command's core): nothing listens.
          receiverUrl: receiver?.url ?? '',
          publicUrl: store.settings.get().publicUrl || null,
          suggestedPublicUrl,
          dataDir: options.dataDir,
          receiverLimits: {
            ...(receiver?.stats() ?? NOT_LISTENING),
            bodyLimit,
            inflightBudget,
            maxConnections,
            walLimit,
          },
        }),
      }),
    );
    let closing: Promise<void> | undefined;
    return {
      service,
      events,
      store,
      ...(receiver ? { receiver } : {}),
      resend,
      dataDir: options.dataDir,
      close: () =>
        (closing ??= (async () => {
          try {
            // Stopped first: from here on the closing checkpoint below is the one that tells of a
            // failure (a full disk), not also the checkpointer while the rest closes.
            const checkpoints = checkpointer.stop();
            // Closing the engine cancels the forward jobs, so tee forwards still retrying end (as failed: catch-up).
            retention.stop();
            forwarder.beginClose();
            await Promise.all([receiver?.close(), resend.close()]);
            await forwarder.close();
            await Promise.all([deriver.stop(), bodies.stop()]);
            await checkpoints;
            store.checkpoint();
          } finally {
            // Whatever failed above, the store is closed and the data directory free for the next start.
            store.close();
            lock.release();
          }
        })()),
    };
  } catch (error) {
    for (const step of undo.reverse()) {
      try {
        await step();
      } catch {
        // Undoing as much as can be; the start's own error is the one to report.
      }
    }
    throw error;
  }
}

/** How often, at most, the backlog of deliveries not yet derived is published. */
const BACKLOG_EVERY_MS = 250;

/** How long a read waits for deliveries still being derived; after that it sees them as `pending`. */
const READ_WAIT_MS = 2_000;

/** A core without a receiver: what its limits hold. */
const NOT_LISTENING = { inflightBytes: 0, refusedBusy: 0, connections: 0, connectionsClosed: 0 };

/**
 * Operations that read nothing derivation writes (settings, jobs, forwarding counts, the endpoint
 * list): they answer at once even while a burst is being derived. Any other operation, a new one
 * included, waits. Changing or deleting an endpoint waits too: what arrived under its old KEY is
 * checked with that KEY.
 */
const WITHOUT_DELIVERIES: ReadonlySet<OpName> = new Set<OpName>([
  'info',
  'listEndpoints',
  // Names are stored with the raw delivery, before derivation.
  'listEndpointNames',
  'getSettings',
  'putSettings',
  'generate',
  'getJob',
  'listJobs',
  'cancelJob',
  'forwardStatus',
  // Whether a delivery is stored is known before it is derived.
  'missingDeliveries',
]);

/**
 * An operation that reads deliveries first waits until what the receiver has committed is derived: a
 * client that POSTs a delivery and then asks for it sees it whole, as it would if ingest ran before
 * the answer.
 */
function afterDerivation(deriver: Deriver, waitMs: number, service: ApiService): ApiService {
  const wrapped: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const [name, run] of Object.entries(service) as Array<[OpName, (...args: unknown[]) => Promise<unknown>]>) {
    if (WITHOUT_DELIVERIES.has(name)) {
      wrapped[name] = run;
      continue;
    }
    // All arguments: waitForDelivery takes the transport's AbortSignal after its input.
    wrapped[name] = async (...args) => {
      await deriver.settled(waitMs);
      return run(...args);
    };
  }
  return wrapped as ApiService;
}

function indexByName(list: EndpointConfig[]): Map<string, EndpointConfig> {
  return new Map(list.map((e) => [e.name, e]));
}
