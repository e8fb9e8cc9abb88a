// One page of an export (shared/transfer-api.ts): a selection's next deliveries, at most `limit` and
// about EXPORT_PAGE_BYTES of bodies and headers (at least one delivery, whatever its size), so that
// every answer stays bounded while a caller pages through a selection of any size. Built in the body
// reader's process (bodies/body-jobs.ts): NDJSON derives what is still pending, fixtures parse bodies.
import {
  EXPORT_PAGE_BYTES,
  type DeliveryFilter,
  type ExportPageEnd,
  type FixtureCursor,
  type FixturePage,
  type HarPage,
  type NdjsonPage,
} from '../../../shared/api.js';
import type { DeliveryExtent, Store } from '../store/index.js';
import { exportHar } from './export-har.js';
import { exportNdjson } from './export-ndjson.js';
import { fixtureOfDelivery } from './fixtures-export.js';

export interface PageSelection {
  ids?: number[] | undefined;
  filter?: DeliveryFilter | undefined;
  after?: number | undefined;
  limit: number;
}

/** What a delivery adds to an export: its body as base64 and its headers (up to 64 KiB). */
export function exportCost(d: Pick<DeliveryExtent, 'size' | 'headersJsonLength'>): number {
  return Math.ceil((d.size * 4) / 3) + d.headersJsonLength;
}

export function ndjsonPage(store: Store, s: PageSelection): NdjsonPage {
  const { ids, end } = pageIds(store, s);
  return { ndjson: [...exportNdjson(store, ids)].join(''), ...end };
}

export function harPage(store: Store, s: PageSelection, base: string | null): HarPage {
  const { ids, end } = pageIds(store, s);
  const { log } = exportHar(store, ids, base);
  return { creator: log.creator, entries: log.entries, ...end };
}

/** The page's stored ids (in selection order) and where it ended. */
function pageIds(store: Store, s: PageSelection): { ids: number[]; end: ExportPageEnd } {
  const candidates = s.ids ?? store.selection.idsMatching(s.filter ?? {}, s.limit + 1, s.after ?? null);
  const ids: number[] = [];
  let bytes = 0;
  let taken = 0;
  for (const id of candidates.slice(0, s.limit)) {
    const extent = store.deliveries.extent(id);
    if (extent) {
      const cost = exportCost(extent);
      if (ids.length > 0 && bytes + cost > EXPORT_PAGE_BYTES) break;
      bytes += cost;
      ids.push(id);
    }
    taken++;
  }
  return { ids, end: { taken, lastId: taken > 0 ? candidates[taken - 1]! : null, more: taken < candidates.length } };
}

export interface FixturePageSelection {
  ids?: number[] | undefined;
  filter?: DeliveryFilter | undefined;
  after?: FixtureCursor | undefined;
  limit: number;
  index: number;
  width: number;
  startedAt?: number | undefined;
}

/** The next fixtures of a folder in arrival order, numbered on from `index`. */
export function fixturePage(store: Store, s: FixturePageSelection): FixturePage {
  const candidates = s.ids
    ? arrivalsOfIds(store, s.ids, s.after ?? null, s.limit + 1)
    : store.selection.arrivalsMatching(s.filter ?? {}, s.limit + 1, s.after ?? null);
  const page: FixturePage = { files: [], scenario: [], startedAt: s.startedAt ?? candidates[0]?.receivedAt ?? null, next: null };
  let bytes = 0;
  let taken = 0;
  for (const c of candidates.slice(0, s.limit)) {
    const delivery = store.deliveries.get(c.id);
    if (delivery) {
      const cost = exportCost({ size: delivery.size, headersJsonLength: JSON.stringify(delivery.headers).length });
      if (page.scenario.length > 0 && bytes + cost > EXPORT_PAGE_BYTES) break;
      bytes += cost;
      const { files, entry } = fixtureOfDelivery(store, delivery, {
        position: s.index + page.scenario.length + 1,
        width: s.width,
        startedAt: page.startedAt!,
      });
      page.files.push(...files.map((f) => ({ name: f.name, base64: f.data.toString('base64') })));
      page.scenario.push(entry);
    }
    taken++;
  }
  if (taken < candidates.length) page.next = candidates[taken - 1]!;
  return page;
}

/** The stored ones of `ids` (each once) in arrival order, after `after`, at most `limit`. */
function arrivalsOfIds(store: Store, ids: number[], after: FixtureCursor | null, limit: number): FixtureCursor[] {
  const rows: FixtureCursor[] = [];
  for (const id of new Set(ids)) {
    const extent = store.deliveries.extent(id);
    if (extent) rows.push({ id, receivedAt: extent.receivedAt });
  }
  const later = (r: FixtureCursor) => !after || r.receivedAt > after.receivedAt || (r.receivedAt === after.receivedAt && r.id > after.id);
  return rows
    .filter(later)
    .sort((a, b) => a.receivedAt - b.receivedAt || a.id - b.id)
    .slice(0, limit);
}
