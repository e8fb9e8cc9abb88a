// Exports the deliveries matching the inbox's filter (oldest first, at most 1,000): the lossless NDJSON
// that `import` reads back, HAR for browser dev tools and HTTP tools, or a zipped fixture folder
// (docs/FIXTURES.md) for a test suite. Saved as a file download.
import { useState } from 'react';
import type { DeliveryFilter } from '../../../shared/api.js';
import { useApi } from '../api/context.js';

function download(name: string, content: string | Uint8Array<ArrayBuffer>, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

export function ExportButtons({ filter }: { filter: DeliveryFilter }) {
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  const run = (save: () => Promise<void>) => {
    setError(null);
    save().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  return (
    <span className="export-buttons">
      Export these:
      <button type="button" onClick={() => run(async () => download('deliveries.ndjson', await api.exportNdjson({ filter }), 'application/x-ndjson'))}>NDJSON</button>
      <button type="button" onClick={() => run(async () => download('deliveries.har', JSON.stringify(await api.exportHar({ filter }), null, 2), 'application/json'))}>HAR</button>
      <button
        type="button"
        title="A folder of NAME.json fixtures plus scenario.json, zipped (fixtures import / replay read it unzipped)"
        onClick={() =>
          run(async () => {
            const zip = await api.exportFixtures({ filter });
            download(zip.fileName, Uint8Array.from(atob(zip.zipBase64), (c) => c.charCodeAt(0)), 'application/zip');
          })
        }
      >
        Fixtures
      </button>
      {error && <span className="invalid-note" role="alert">{error}</span>}
    </span>
  );
}
