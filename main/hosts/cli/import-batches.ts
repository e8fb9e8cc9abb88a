// `import`'s lines sent to the core in bounded batches (importNdjson, shared/transfer-api.ts): at
// most IMPORT_BATCH_LINES lines and about EXPORT_PAGE_BYTES a call, a longer line alone. A file of
// any size goes through, beside a running serve (one writer: the serve) or alone.
import { EXPORT_PAGE_BYTES, IMPORT_BATCH_LINES, IMPORT_LINE_CHARS, type ApiClient, type ImportBatchReport } from '../../../shared/api.js';

export interface ImportTotals {
  imported: number;
  skipped: number;
  errors: number;
}

/**
 * A retryOf key's value in a line. Only a key can be a quoted name followed by a colon (a string's
 * quotes inside a value are escaped), so this finds the line's retryOf, and at worst the same name
 * nested in a field the schema ignores: one mapping too many, never one missing.
 */
const RETRY_OF = /"retryOf"\s*:\s*(\d+)/g;

/** Imports every line; `onBatch` is told each batch's report as it comes (errors numbered in the whole file). */
export async function importLines(
  client: ApiClient,
  lines: AsyncIterable<string>,
  onBatch: (report: Pick<ImportBatchReport, 'errors'>) => void,
): Promise<ImportTotals> {
  const totals: ImportTotals = { imported: 0, skipped: 0, errors: 0 };
  /** Where each line's delivery went, by its id in the file: what later lines' retryOf names. */
  const storeIdOf = new Map<number, number>();
  let batch: string[] = [];
  let chars = 0;
  let firstLine = 1;
  const send = async () => {
    if (batch.length === 0) return;
    const named = new Set(batch.flatMap((line) => [...line.matchAll(RETRY_OF)].map((m) => Number(m[1]))));
    const earlier = [...named].flatMap((id): Array<[number, number]> => (storeIdOf.has(id) ? [[id, storeIdOf.get(id)!]] : []));
    const report = await client.importNdjson({ lines: batch, firstLine, earlier });
    for (const [fileId, storeId] of report.stored) storeIdOf.set(fileId, storeId);
    totals.imported += report.imported;
    totals.skipped += report.skipped;
    totals.errors += report.errors.length;
    onBatch(report);
    batch = [];
    chars = 0;
  };
  let n = 0;
  for await (const text of lines) {
    n++;
    if (text.length > IMPORT_LINE_CHARS) {
      await send();
      totals.errors++;
      onBatch({
        errors: [
          {
            line: n,
            message: `longer than the ${IMPORT_LINE_CHARS / 1024 ** 2} MiB a line may be (${Math.round(text.length / 1024 ** 2)} MiB)`,
          },
        ],
      });
      continue;
    }
    if (batch.length >= IMPORT_BATCH_LINES || (batch.length > 0 && chars + text.length > EXPORT_PAGE_BYTES)) await send();
    if (batch.length === 0) firstLine = n;
    batch.push(text);
    chars += text.length;
  }
  await send();
  return totals;
}
