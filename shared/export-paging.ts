// Pages through an export (shared/transfer-api.ts) for whoever writes the whole of it: the CLI to a
// file, the inbox to a download. `ids` go in the order given (any number; at most 10,000 a call), a
// filter oldest first; `limit` caps how many deliveries in all (a filter's oldest `limit`).
import type { DeliveryFilter } from './api-schemas.js';
import type { OpInput } from './api.js';
import type { ExportPageEnd } from './transfer-api.js';

export type ExportSelection = { ids: readonly number[] } | { filter: DeliveryFilter; limit?: number };

/** Ids one page call carries at most (the schema's bound). */
const IDS_PER_CALL = 10_000;
/** Deliveries one page holds at most (it also stops at EXPORT_PAGE_BYTES). */
const PAGE_SIZE = 1000;

export async function* exportPages<P extends ExportPageEnd>(
  fetchPage: (input: OpInput<'exportNdjsonPage'>) => Promise<P>,
  selection: ExportSelection,
): AsyncGenerator<P> {
  if ('ids' in selection) {
    let next = 0;
    while (next < selection.ids.length) {
      const page = await fetchPage({ ids: selection.ids.slice(next, next + IDS_PER_CALL), limit: PAGE_SIZE });
      yield page;
      next += page.taken;
    }
    return;
  }
  let left = selection.limit ?? Infinity;
  let after: number | undefined;
  for (;;) {
    const page = await fetchPage({ filter: selection.filter, ...(after !== undefined ? { after } : {}), limit: Math.min(PAGE_SIZE, left) });
    yield page;
    left -= page.taken;
    if (!page.more || left <= 0 || page.lastId === null) return;
    after = page.lastId;
  }
}
