// The export operations of the API contract (shared/api.ts): whole exports for one answer (bounded
// by the body reader's MAX_EXPORT_BYTES) and pages (shared/transfer-api.ts) that a caller writing a
// file of any size, or assembling a download, pages through; and what a caller needs around them:
// which asked ids are missing. Exports are built in the body
// reader's process, under its limits, never on the receiver's thread; NDJSON derives what is still
// pending there. Spread into the service by createService.
import type { ApiService, OpContext } from '../../../shared/api.js';
import type { BodyReader } from '../bodies/body-reader.js';
import type { Store } from '../store/index.js';

export type ExportOps = Pick<ApiService, 'exportNdjson' | 'exportHar' | 'exportNdjsonPage' | 'exportHarPage' | 'missingDeliveries'>;

export interface ExportOpsDeps {
  store: Store;
  bodies: BodyReader;
  /** HAR's URLs: each delivery's path on this base (see defaultBase in resend/default-target.ts). */
  defaultBase: () => string | null;
}

export function createExportOps({ store, bodies, defaultBase }: ExportOpsDeps): ExportOps {
  const tooLarge = 'this export is too large';
  return {
    async exportNdjson({ ids, filter, limit }, { signal }: OpContext = {}) {
      return bodies.read({ type: 'ndjson', ids, filter, limit }, { op: 'exportNdjson', tooLarge, ...(signal && { signal }) });
    },
    async exportHar({ ids, filter, limit }, { signal }: OpContext = {}) {
      return bodies.read(
        { type: 'har', ids, filter, limit, base: defaultBase() },
        { op: 'exportHar', tooLarge, ...(signal && { signal }) },
      );
    },
    async exportNdjsonPage({ ids, filter, after, limit }, { signal }: OpContext = {}) {
      return bodies.read(
        { type: 'ndjson-page', ids, filter, after, limit },
        { op: 'exportNdjsonPage', tooLarge, ...(signal && { signal }) },
      );
    },
    async exportHarPage({ ids, filter, after, limit }, { signal }: OpContext = {}) {
      return bodies.read(
        { type: 'har-page', ids, filter, after, limit, base: defaultBase() },
        { op: 'exportHarPage', tooLarge, ...(signal && { signal }) },
      );
    },
    async missingDeliveries({ ids }) {
      return { missing: ids.filter((id) => !store.deliveries.extent(id)) };
    },
  };
}
