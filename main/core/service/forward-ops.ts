// Forwarding's operations of the API contract (shared/api.ts): status and catch-up. The forwarding
// itself happens on arrival (recorder.ts, forward/forwarder.ts).
import { ApiInputError, type ApiService } from '../../../shared/api.js';
import { ForwardInputError, type Forwarder } from '../forward/forwarder.js';
import type { Store } from '../store/index.js';

export type ForwardOps = Pick<ApiService, 'forwardStatus' | 'forwardCatchUp'>;

export function createForwardOps({ store, forwarder }: { store: Store; forwarder: Forwarder }): ForwardOps {
  const endpoint = (op: string, name: string) => {
    const found = store.endpoints.list().find((e) => e.name === name);
    if (!found) throw new ApiInputError(op, [{ path: 'endpoint', message: `there is no endpoint ${name}` }]);
    return found;
  };
  return {
    async forwardStatus({ endpoint: name }) {
      return { endpoint: name, forward: endpoint('forwardStatus', name).forward ?? null, counts: store.forwards.counts(name) };
    },
    async forwardCatchUp({ endpoint: name }) {
      try {
        return forwarder.catchUp(endpoint('forwardCatchUp', name));
      } catch (error) {
        if (error instanceof ForwardInputError) throw new ApiInputError('forwardCatchUp', [{ path: 'endpoint', message: error.message }]);
        throw error;
      }
    },
  };
}
