// The core's implementation of the API contract (shared/api.ts). Hosts expose it over HTTP or IPC;
// inputs arrive already validated by the contract's schemas.
import type { ApiService, ServerInfo, OpContext } from '../../../shared/api.js';
import { DETAIL_CALLS, type CallDetail, type DeliveryDetail, type EndpointConfig } from '../../../shared/model.js';
import type { BodyReader } from '../bodies/body-reader.js';
import type { Store } from '../store/index.js';
import { buildChain } from './chain.js';
import type { ForwardOps } from './forward-ops.js';
import type { ResendOps } from './resend-ops.js';
import type { EventBus } from '../events/event-bus.js';
import { createWaitOps } from './wait-ops.js';
import { createDiffOps } from './diff-ops.js';
import { createFixtureOps } from './fixture-ops.js';
import { createExportOps } from './export-ops.js';
import { createImportOps } from './import-ops.js';
import { DEFAULT_ENDPOINT } from '../receiver/endpoint-path.js';

export interface ServiceDeps {
  store: Store;
  /** Called after endpoints change so that the receiver answers with the new behaviour. */
  onEndpointsChanged: (endpoints: EndpointConfig[]) => void;
  info: () => ServerInfo;
  /** The re-send operations (resend-ops.ts), built over the core's resend engine. */
  resend: ResendOps;
  /** Forwarding's catch-up and status (forward-ops.ts). */
  forward: ForwardOps;
  /** Deletes what the retention settings exclude (service/retention.ts). */
  applyRetention: () => Promise<number>;
  /** Wakes waitForDelivery's waiters (wait-ops.ts). */
  events: EventBus;
  /** Decodes, parses and compares stored bodies off the receiver's thread (bodies/body-reader.ts). */
  bodies: BodyReader;
  /** HAR's URLs: a delivery's path on this base (see defaultBase in resend/default-target.ts). */
  defaultBase: () => string | null;
}

export function createService({
  store,
  onEndpointsChanged,
  info,
  resend,
  forward,
  events,
  applyRetention,
  bodies,
  defaultBase,
}: ServiceDeps): ApiService {
  const service: ApiService = {
    ...resend,
    ...forward,
    ...createWaitOps({ store, events, detail: (id) => service.getDelivery({ id }) }),
    ...createDiffOps({ bodies }),
    ...createFixtureOps({ bodies }),
    ...createExportOps({ store, bodies, defaultBase }),
    ...createImportOps({ store, bodies, events }),

    async listDeliveries({ filter, cursor, limit }) {
      return store.list(filter, limit, cursor);
    },

    async listDeliveriesAt({ filter, upTo, position, limit, total, near }) {
      return store.inbox.at({ filter, upTo, position, limit, ...(total !== undefined && { total }), ...(near && { near }) });
    },

    async countDeliveries({ filter, newerThan }) {
      return store.inbox.count(filter, newerThan);
    },

    async getDelivery({ id }) {
      const base = store.deliveries.detail(id);
      if (!base) return null;
      const group = store.deliveries.retryGroup(base.retryOf ?? base.id);
      const detail: DeliveryDetail = {
        ...base,
        retryGroup: group.map((g, i) => ({ ...g, gapMs: i === 0 ? null : g.receivedAt - group[i - 1]!.receivedAt })),
        calls: store.calls.ofDelivery(id, DETAIL_CALLS),
      };
      return detail;
    },

    async getRawBody({ id }, { signal }: OpContext = {}) {
      return bodies.read(
        { type: 'raw', id },
        { op: 'getRawBody', tooLarge: `delivery #${id}'s body is too large to show`, ...(signal && { signal }) },
      );
    },

    async getCall({ deliveryId, index }, { signal }: OpContext = {}) {
      const call = store.calls.at(deliveryId, index);
      if (!call) return null;
      // The entry is cut from the whole body, which only the body reader's process parses.
      const entry = await bodies.read(
        { type: 'call', deliveryId, index },
        {
          op: 'getCall',
          tooLarge: `the body of delivery #${deliveryId} is too large to read call ${index} from`,
          ...(signal && { signal }),
        },
      );
      if (!entry) return null;
      const detail: CallDetail = { ...call, json: entry.json, redials: store.calls.redialsOf(deliveryId, index) };
      return detail;
    },

    async findCalls(q) {
      return store.calls.find(q);
    },

    async getChain({ callee, taskId, redialOffsetMinutes }) {
      const { calls, redials } = store.calls.ofCallee(callee);
      return buildChain({ calls, redials, taskId, redialOffsetMinutes, receivedAt: store.calls.deliveryReceivedAt });
    },

    async listEndpoints() {
      return store.endpoints.list();
    },

    async listEndpointNames() {
      const configured = store.endpoints.list().map((e) => e.name);
      const others = [...new Set([...configured, ...store.endpoints.seen()])].filter((n) => n !== DEFAULT_ENDPOINT).sort();
      return { names: [DEFAULT_ENDPOINT, ...others], configured };
    },

    async putEndpoint(config) {
      store.endpoints.put(config);
      onEndpointsChanged(store.endpoints.list());
      return config;
    },

    async deleteEndpoint({ name }) {
      const deleted = store.endpoints.remove(name);
      onEndpointsChanged(store.endpoints.list());
      return { deleted };
    },

    async getSettings() {
      return store.settings.get();
    },

    async putSettings(patch) {
      const settings = store.settings.put(patch);
      await applyRetention();
      return settings;
    },

    async stats({ filter, buckets }) {
      return store.stats(filter, buckets);
    },

    async info() {
      return info();
    },
  };
  return service;
}
