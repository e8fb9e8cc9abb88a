// An import through a running core announces each delivery it adds, as an arrival is announced once
// derived, so that an open inbox shows it as it lands; a delivery already there is not announced again.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeliverySummary } from '../../shared/model.js';
import { startTestCore } from './support/core.js';
import { exportLine } from './support/export-line.js';

let core: Awaited<ReturnType<typeof startTestCore>>;
const announced: DeliverySummary[] = [];
beforeAll(async () => {
  core = await startTestCore();
  core.events.on('deliveryReceived', (d) => announced.push(d));
});
afterAll(async () => {
  await core.cleanup();
});

it('announces each delivery an NDJSON import adds, with what the inbox shows of it, and none it skips', async () => {
  const T0 = Date.parse('2026-11-30T08:00:00Z');
  const lines = [
    exportLine(1, '{"a":1}', T0, { kind: 'json', shape: null, callCount: 0 }),
    exportLine(2, 'not json', T0 + 1000, { kind: 'not-json', shape: null, endpoint: 'shop', path: '/hooks/shop/', callCount: 0 }),
  ];
  const first = await core.api.importNdjson({ lines });
  expect(first).toMatchObject({ imported: 2, skipped: 0, errors: [] });
  const ids = first.stored.map(([, id]) => id);
  expect(announced.map((d) => [d.id, d.kind, d.endpoint, d.receivedAt])).toEqual([
    [ids[0], 'json', 'default', T0],
    [ids[1], 'not-json', 'shop', T0 + 1000],
  ]);

  announced.length = 0;
  expect(await core.api.importNdjson({ lines })).toMatchObject({ imported: 0, skipped: 2 });
  expect(announced).toEqual([]);
});
