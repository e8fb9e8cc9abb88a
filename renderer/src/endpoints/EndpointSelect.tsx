// The endpoint filter's drop-down: `default`, the configured endpoints and every other one deliveries
// arrived at. An arrival at a new one adds it; the names are also read again whenever it is focused
// (a configured endpoint), the last names staying on screen meanwhile.
import { useCallback, useEffect, useState } from 'react';
import { useApi, useEventBatches } from '../api/context.js';
import { DEFAULT_ENDPOINT } from './endpoint-url.js';

export function EndpointSelect({ value, onChange }: { value: string; onChange(name: string): void }) {
  const api = useApi();
  const [names, setNames] = useState<string[]>([DEFAULT_ENDPOINT]);
  const refresh = useCallback(() => {
    api.listEndpointNames({}).then(
      (r) => setNames(r.names),
      () => {}, // the names shown stay; the next focus tries again
    );
  }, [api]);
  useEffect(refresh, [refresh]);
  useEventBatches('deliveryReceived', (batch) => {
    const fresh = batch.map((d) => d.endpoint).filter((n) => !names.includes(n));
    if (fresh.length > 0) setNames((prev) => withNames(prev, fresh));
  });
  // A name typed into the search box (endpoint:x) is kept even if nothing arrived there yet.
  const shown = value && !names.includes(value) ? [...names, value] : names;
  return (
    <select aria-label="endpoint" value={value} onFocus={refresh} onChange={(e) => onChange(e.target.value)}>
      <option value="">all endpoints</option>
      {shown.map((n) => (
        <option key={n} value={n}>
          {n}
        </option>
      ))}
    </select>
  );
}

/** `default` first, then the rest by name, each once. */
function withNames(names: string[], more: string[]): string[] {
  const rest = [...new Set([...names, ...more])].filter((n) => n !== DEFAULT_ENDPOINT).sort();
  return [DEFAULT_ENDPOINT, ...rest];
}
