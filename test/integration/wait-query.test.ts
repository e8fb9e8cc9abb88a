// What a waiter may answer with: the first derived delivery after its baseline, in arrival order. A
// delivery still pending (recorded, not yet derived) is never a match and holds back those after it,
// unless it has been pending so long that its process must have died.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deriveStep } from '../../main/core/derive/derive-batch.js';
import { openStore, type Store } from '../../main/core/store/index.js';
import { PENDING_HOLD_MS, waitQueries } from '../../main/core/store/wait-query.js';
import { tempDir } from './support/core.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url));
const cleanup: Array<() => void> = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

function store(): { store: Store; file: string } {
  const dir = tempDir('ci-wait-');
  const file = join(dir.path, 'callback-inspector.db');
  const s = openStore(file);
  cleanup.push(() => {
    s.close();
    dir.remove();
  });
  return { store: s, file };
}

/** What the receiver does first: the row, kind `pending`. */
function record(s: Store, body: Uint8Array = seed, receivedAt = Date.now()): number {
  const captured = {
    receivedAt,
    endpoint: 'default',
    method: 'POST',
    path: '/',
    query: '',
    headers: [['Content-Type', 'application/json']] as Array<[string, string]>,
    remoteAddress: '127.0.0.1',
    body,
    truncated: false,
  };
  return s.deliveries.recordRaw(captured, () => ({ status: 200, delayMs: 0, hung: false, reason: 'default' })).id;
}

describe('waiting queries', () => {
  it('a pending delivery is no match, not even for "any delivery"; once derived it is', () => {
    const { store: s } = store();
    const q = waitQueries(s.db);
    const id = record(s);
    expect(q.firstMatch({}, 0)).toBeNull();
    s.deliveries.applyDerivedBatch(deriveStep(s, 0, 10));
    expect(q.firstMatch({}, 0)).toBe(id);
    expect(q.firstMatch({ status: 'finished', callId: '6dbf57adc3ecf4f4bfd5efe85ccad659', text: 'pengiriman' }, 0)).toBe(id);
    expect(q.firstMatch({ status: 'failed' }, 0)).toBeNull();
    expect(q.firstMatch({}, id)).toBeNull();
    expect(q.lastId()).toBe(id);
  });

  it('answers with the first match after the baseline, in arrival order', () => {
    const { store: s } = store();
    const q = waitQueries(s.db);
    const [a, b, c] = [record(s), record(s, Buffer.from('{"other":1}')), record(s)];
    s.deliveries.applyDerivedBatch(deriveStep(s, 0, 10));
    expect(q.firstMatch({ kind: 'call-end' }, 0)).toBe(a);
    expect(q.firstMatch({ kind: 'call-end' }, a)).toBe(c);
    expect(q.firstMatch({ kind: 'json' }, 0)).toBe(b);
  });

  it('a delivery still pending holds back the matches after it, until it is too old to be in progress', () => {
    const { store: s } = store();
    const q = waitQueries(s.db);
    const now = Date.now();
    const first = record(s, seed, now);
    const second = record(s, seed, now);
    s.deliveries.applyDerivedBatch(deriveStep(s, 0, 10));
    // The first is derived after the second (or its deriver died): it is pending again.
    s.db.prepare(`UPDATE deliveries SET kind = 'pending' WHERE id = ?`).run(first);
    expect(q.firstMatch({}, 0, now)).toBeNull();
    expect(q.firstMatch({}, first, now)).toBe(second);
    expect(q.firstMatch({}, 0, now + PENDING_HOLD_MS + 1)).toBe(second);
  });
});
