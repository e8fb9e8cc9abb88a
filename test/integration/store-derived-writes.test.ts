// Writing what the deriver computed: one step writes as many deliveries as fit in its time (at least
// one), in order, and tells which of them were still pending; a delivery derived already is left as
// it is.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deriveStep } from '../../main/core/derive/derive-batch.js';
import { PENDING } from '../../main/core/store/derived-columns.js';
import { openStore, type Store } from '../../main/core/store/index.js';
import { tempDir } from './support/core.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
const callId = '6dbf57adc3ecf4f4bfd5efe85ccad659';
const cleanup: Array<() => void> = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

function storeWith(count: number): Store {
  const dir = tempDir('ci-derived-');
  const s = openStore(join(dir.path, 'callback-inspector.db'));
  cleanup.push(() => {
    s.close();
    dir.remove();
  });
  for (let i = 0; i < count; i++) {
    const body = Buffer.from(seed.replace(callId, i.toString(16).padStart(32, '0')));
    const captured = {
      receivedAt: Date.now(),
      endpoint: 'default',
      method: 'POST',
      path: '/',
      query: '',
      headers: [],
      remoteAddress: '',
      body,
      truncated: false,
    };
    s.deliveries.recordRaw(captured, () => ({ status: 200, delayMs: 0, hung: false, reason: 'default' }));
  }
  return s;
}

const kinds = (s: Store) =>
  s.db
    .prepare<[], { kind: string }>('SELECT kind FROM deliveries ORDER BY id')
    .all()
    .map((r) => r.kind);

describe('a step of derived writes', () => {
  it('finds an arrival as the receiver wrote it: every derived column holds what a pending row holds', () => {
    const s = storeWith(1);
    // The row itself, as SQLite holds it: what the pending columns are is the store's own business.
    const row = s.db.prepare('SELECT * FROM deliveries WHERE id = 1').get() as Record<string, unknown>;
    const columns = Object.keys(PENDING) as Array<keyof typeof PENDING>;
    expect(Object.fromEntries(columns.map((k) => [k, row[k]]))).toEqual(PENDING);
  });

  it('writes one delivery when its time is up at once, and the rest in order when time allows', () => {
    const s = storeWith(5);
    const items = deriveStep(s, 0, 10);
    expect(s.deliveries.applyDerivedFor(items, 0, 0)).toEqual({ count: 1, ids: [items[0]!.id] });
    expect(kinds(s)).toEqual(['call-end', 'pending', 'pending', 'pending', 'pending']);
    expect(s.deliveries.applyDerivedFor(items, 1, Infinity)).toEqual({ count: 4, ids: items.slice(1).map((i) => i.id) });
    expect(kinds(s)).toEqual(Array(5).fill('call-end'));
    expect(s.calls.find({ callId: '3'.padStart(32, '0'), limit: 5 })).toHaveLength(1);
  });

  it('counts a delivery derived already as written, without writing it again or naming it', () => {
    const s = storeWith(2);
    const items = deriveStep(s, 0, 10);
    s.deliveries.applyDerivedBatch(items.slice(0, 1));
    expect(s.deliveries.applyDerivedFor(items, 0, Infinity)).toEqual({ count: 2, ids: [items[1]!.id] });
    expect(s.calls.find({ callId: '0'.padStart(32, '0'), limit: 5 })).toHaveLength(1);
  });
});
