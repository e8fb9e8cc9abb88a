// Exports every delivery matching the inbox's filter, oldest first: the lossless NDJSON that `import`
// reads back, HAR for browser dev tools and HTTP tools (both paged through the API and assembled into
// one download, however many there are), or a zipped fixture folder (docs/FIXTURES.md) for a test
// suite, which holds at most FIXTURE_ZIP_LIMIT and says so when the filter selects more.
import { useState } from 'react';
import type { DeliveryFilter } from '../../../shared/api.js';
import { exportPages } from '../../../shared/export-paging.js';
import { harText } from '../../../shared/har-text.js';
import { useApi } from '../api/context.js';

/** Deliveries one fixture zip holds at most (exportFixtures' limit): the CLI's `fixtures export` writes any number. */
const FIXTURE_ZIP_LIMIT = 10_000;

function download(name: string, content: Blob): void {
  const url = URL.createObjectURL(content);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

const n = (x: number) => x.toLocaleString('en');

export function ExportButtons({ filter }: { filter: DeliveryFilter }) {
  const api = useApi();
  const [busy, setBusy] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = (save: () => Promise<void>) => {
    setError(null);
    setNote(null);
    save()
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(null));
  };
  /** Pages through the selection, each page a part of the download (a Blob part need not stay in memory). */
  const paged = async <P extends { taken: number }>(
    what: string,
    pages: AsyncIterable<P>,
    partsOf: (page: P) => string[],
  ): Promise<Blob[]> => {
    const { total: count } = await api.countDeliveries({ filter });
    const parts: Blob[] = [];
    let done = 0;
    setBusy(`${what}: 0 of ${n(count)}…`);
    for await (const page of pages) {
      parts.push(new Blob(partsOf(page)));
      done += page.taken;
      setBusy(`${what}: ${n(done)} of ${n(Math.max(count, done))}…`);
    }
    return parts;
  };

  const ndjson = async () => {
    const parts = await paged('NDJSON', exportPages(api.exportNdjsonPage, { filter }), (p) => [p.ndjson]);
    download('deliveries.ndjson', new Blob(parts, { type: 'application/x-ndjson' }));
  };
  const har = async () => {
    let text: ReturnType<typeof harText> | null = null;
    const parts = await paged('HAR', exportPages(api.exportHarPage, { filter }), (p) => {
      const head = text ? [] : [(text = harText(p.creator)).head];
      return [...head, ...p.entries.map((e) => text!.entry(e))];
    });
    download('deliveries.har', new Blob([...parts, text!.end()], { type: 'application/json' }));
  };
  const fixtures = async () => {
    setBusy('Fixtures…');
    const { total: count } = await api.countDeliveries({ filter });
    const zip = await api.exportFixtures({ filter, limit: FIXTURE_ZIP_LIMIT });
    download(zip.fileName, new Blob([Uint8Array.from(atob(zip.zipBase64), (c) => c.charCodeAt(0))], { type: 'application/zip' }));
    if (count > zip.fixtures) {
      setNote(
        `The zip holds the first ${n(zip.fixtures)} of ${n(count)} deliveries (oldest first): \`callback-inspector fixtures export\` writes them all.`,
      );
    }
  };

  return (
    <span className="export-buttons">
      Export these:
      <button type="button" disabled={busy !== null} onClick={() => run(ndjson)}>
        NDJSON
      </button>
      <button type="button" disabled={busy !== null} onClick={() => run(har)}>
        HAR
      </button>
      <button
        type="button"
        disabled={busy !== null}
        title={`A folder of NAME.json fixtures plus scenario.json, zipped, at most ${n(FIXTURE_ZIP_LIMIT)} deliveries (fixtures import / replay read it unzipped)`}
        onClick={() => run(fixtures)}
      >
        Fixtures
      </button>
      {busy && <span role="status">{busy}</span>}
      {note && (
        <span className="invalid-note" role="status">
          {note}
        </span>
      )}
      {error && (
        <span className="invalid-note" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
