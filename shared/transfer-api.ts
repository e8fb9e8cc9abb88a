// The contract's pieces for moving deliveries in and out in bounded steps: an export page (a
// selection's next deliveries, at most `limit` and about EXPORT_PAGE_BYTES of bodies) and an import
// batch. A caller that writes a file of any size pages through them; every answer stays bounded.
import { z } from 'zod';
import { deliveryFilter, id } from './api-schemas.js';
import type { HarEntry, HarLog } from './model.js';

/** Stored body bytes (and headers) one export page holds at most, unless its first delivery alone is more. */
export const EXPORT_PAGE_BYTES = 8 * 1024 * 1024;
/** Lines one importNdjson call takes at most; the caller also keeps a batch near EXPORT_PAGE_BYTES. */
export const IMPORT_BATCH_LINES = 1000;
/**
 * The longest line (characters) an import takes: a delivery at the receiver's default 32 MiB body
 * limit is ~43 MiB of base64. Over HTTP an import request may be IMPORT_REQUEST_BYTES long.
 */
export const IMPORT_LINE_CHARS = 80 * 1024 * 1024;
export const IMPORT_REQUEST_BYTES = 96 * 1024 * 1024;

/**
 * Which deliveries one export page takes: the `ids` given (in that order), or the `filter`'s oldest
 * first, only ids above `after` (the previous page's `lastId`).
 */
export const exportPageInput = z
  .object({
    ids: z.array(id).min(1).max(10_000).optional(),
    filter: deliveryFilter.optional(),
    after: z.number().int().nonnegative().optional(),
    limit: z.number().int().min(1).max(10_000).default(1000),
  })
  .strict()
  .refine((v) => v.ids === undefined || (v.filter === undefined && v.after === undefined), 'give ids, or filter and after, not both');

/** Where a page ended and whether the selection goes on. */
export interface ExportPageEnd {
  /** Of the selection, how many this page went through: with `ids`, how many of them from the first (missing ones included). */
  taken: number;
  /** The last delivery id it went through: the next page's `after`. Null when it went through none. */
  lastId: number | null;
  /** More of the selection follows (the page stopped at `limit` or at its size). */
  more: boolean;
}

export interface NdjsonPage extends ExportPageEnd {
  /** `export` NDJSON lines (shared/export-format.ts), each with its newline. */
  ndjson: string;
}

export interface HarPage extends ExportPageEnd {
  creator: HarLog['log']['creator'];
  entries: HarEntry[];
}

/** A fixture's place in arrival order: the next fixture page starts after it. */
export const fixtureCursor = z.object({ receivedAt: z.number().int(), id }).strict();
export type FixtureCursor = z.infer<typeof fixtureCursor>;

export const fixturePageInput = z
  .object({
    ids: z.array(id).min(1).max(10_000).optional(),
    filter: deliveryFilter.optional(),
    /** The previous page's `next`: fixtures go in arrival order (receivedAt, then id). */
    after: fixtureCursor.optional(),
    limit: z.number().int().min(1).max(10_000).default(1000),
    /** How many fixtures earlier pages held: this page's first is number `index + 1`. */
    index: z.number().int().min(0).default(0),
    /** Digits of a fixture's number (at least 4; enough for the whole folder). */
    width: z.number().int().min(4).max(16).default(4),
    /** The folder's first arrival (epoch ms), which offsets count from; the first page's answer says it. */
    startedAt: z.number().int().optional(),
  })
  .strict()
  .refine((v) => v.ids === undefined || v.filter === undefined, 'give ids or filter, not both');

/** One page of a fixture folder (docs/FIXTURES.md): its files and its lines of scenario.json. */
export interface FixturePage {
  files: Array<{ name: string; base64: string }>;
  scenario: Array<{ file: string; offsetMs: number }>;
  /** The folder's first arrival (this page's first, unless given). Null: no fixture at all. */
  startedAt: number | null;
  /** Where the next page starts; null when this was the last. */
  next: FixtureCursor | null;
}

export const importNdjsonInput = z
  .object({
    lines: z.array(z.string().max(IMPORT_LINE_CHARS)).min(1).max(IMPORT_BATCH_LINES),
    /** The line number of lines[0] in the caller's file (errors name lines by it). */
    firstLine: z.number().int().min(1).default(1),
    /**
     * Where deliveries of earlier batches of the same file went, [id in the file, id in the store],
     * for the lines whose retryOf names one.
     */
    earlier: z
      .array(z.tuple([id, id]))
      .max(IMPORT_BATCH_LINES)
      .default([]),
  })
  .strict();

export interface ImportBatchReport {
  imported: number;
  skipped: number;
  /** Lines that could not be imported, with why (line numbers counted from `firstLine`). */
  errors: Array<{ line: number; message: string }>;
  /** [id in the file, id in the store] of every line imported or already there: a later batch's `earlier`. */
  stored: Array<[number, number]>;
}

const headerPair = z.tuple([z.string(), z.string()]);

/** A fixture as read from its folder by the caller (shared/fixture-format.ts), its body as base64. */
export const fixtureToImport = z
  .object({
    file: z.string().min(1).max(300),
    /** The delivery it was exported from: kept as the id when free. */
    id: id.optional(),
    receivedAt: z.number().int(),
    endpoint: z.string().min(1).max(200),
    method: z.string().min(1).max(20),
    path: z.string().startsWith('/').max(8000),
    query: z.string().max(8000),
    headers: z.array(headerPair).max(1000),
    bodyBase64: z.string().max(IMPORT_LINE_CHARS),
    truncated: z.boolean(),
    response: z
      .object({
        status: z.number().int().nullable(),
        delayMs: z.number().int().nonnegative(),
        hung: z.boolean(),
        reason: z.string().max(1000),
      })
      .strict()
      .nullable(),
    /** The first attempt this one repeats (a vendor retry in the folder): a fixture file of this batch or of `earlier`. */
    retryOf: z.string().max(300).nullable(),
    attempt: z.number().int().positive(),
  })
  .strict();
export type FixtureToImport = z.infer<typeof fixtureToImport>;

export const importFixturesInput = z
  .object({
    fixtures: z.array(fixtureToImport).min(1).max(IMPORT_BATCH_LINES),
    /** Where fixtures of earlier batches went, [file, id in the store], for the ones `retryOf` names. */
    earlier: z
      .array(z.tuple([z.string().max(300), id]))
      .max(IMPORT_BATCH_LINES)
      .default([]),
  })
  .strict();

export interface FixtureBatchReport {
  imported: number;
  skipped: number;
  /** The store's delivery of each fixture, in the order given (new or already there). */
  deliveries: Array<{ file: string; id: number }>;
}
