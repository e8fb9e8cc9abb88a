// Vendor-retry detection reads an in-memory window of recent arrivals (store/recent-arrivals.ts); the
// store stays the truth when the window noted an arrival whose transaction then rolled back.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CapturedRequest, GivenResponse } from '../../shared/model.js';
import { openStore, type Store } from '../../main/core/store/index.js';
import { tempDir } from './support/core.js';

const cleanups: Array<() => unknown> = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function store(): Store {
  const dir = tempDir();
  const s = openStore(join(dir.path, 'store.db'));
  cleanups.push(dir.remove, () => s.close());
  s.deliveries.warmRetryWindow();
  return s;
}

const ok: GivenResponse = { status: 200, delayMs: 0, hung: false, reason: 'default' };
const arrival = (body: string, path = '/'): CapturedRequest => ({
  receivedAt: Date.now(),
  endpoint: 'default',
  method: 'POST',
  path,
  query: '',
  remoteAddress: '127.0.0.1',
  headers: [['Content-Type', 'application/json']],
  body: Buffer.from(body),
  truncated: false,
});

/** Records in the receiver's way: a transaction for the batch, a savepoint each; `fail` rolls one back. */
function record(s: Store, items: Array<{ c: CapturedRequest; fail?: boolean }>) {
  const out: Array<{ id: number; attempt: number; retryOf: number | null } | 'failed'> = [];
  s.deliveries.recordBatch(
    items,
    (item) => {
      const { id, position } = s.deliveries.recordRaw(item.c, () => ok);
      if (item.fail) throw new Error('disk full');
      out.push({ id, ...position });
    },
    () => out.push('failed'),
  );
  return out;
}

describe('the retry window', () => {
  it('links a retry to the last committed attempt when the one noted after it was rolled back', () => {
    const s = store();
    const [first] = record(s, [{ c: arrival('{"a":1}') }]);
    expect(record(s, [{ c: arrival('{"a":1}'), fail: true }])).toEqual(['failed']);
    // The rolled-back id is free again; another body takes it, then the vendor's retry comes.
    const [other] = record(s, [{ c: arrival('{"b":2}') }]);
    const [retry] = record(s, [{ c: arrival('{"a":1}') }]);
    expect(other).toMatchObject({ attempt: 1, retryOf: null });
    expect(retry).toMatchObject({ attempt: 2, retryOf: (first as { id: number }).id });
  });

  it('never links the same body on another path, even on the id a rolled-back arrival had', () => {
    const s = store();
    record(s, [{ c: arrival('{"a":1}', '/x') }]);
    record(s, [{ c: arrival('{"a":1}', '/x'), fail: true }]);
    const [elsewhere] = record(s, [{ c: arrival('{"a":1}', '/y') }]); // takes the rolled-back id
    const [retry] = record(s, [{ c: arrival('{"a":1}', '/x') }]);
    expect(elsewhere).toMatchObject({ attempt: 1, retryOf: null });
    expect(retry).toMatchObject({ attempt: 2 });
  });

  it('reads the window back from the store when opened again', () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const first = openStore(join(dir.path, 'store.db'));
    const [one] = record(first, [{ c: arrival('{"a":1}') }]);
    first.close();
    const again = openStore(join(dir.path, 'store.db'));
    cleanups.push(() => again.close());
    again.deliveries.warmRetryWindow();
    expect(record(again, [{ c: arrival('{"a":1}') }])).toEqual([
      { id: expect.any(Number), attempt: 2, retryOf: (one as { id: number }).id },
    ]);
  });
});
