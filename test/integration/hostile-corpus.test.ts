// Bad input loses nothing: every hostile body is stored byte-identical, classified, and the receiver
// keeps answering.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toExportLine } from '../../main/core/transfer/export-ndjson.js';
import { sha256Hex } from '../../main/core/store/hash.js';
import { startTestCore } from './support/core.js';
import { send } from './support/http.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url));
const seedText = seed.toString('utf8');
const inject = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>javascript:alert(1)\u202e\u0000';

interface Case {
  name: string;
  body: Buffer;
  headers?: Record<string, string>;
  kind: 'call-end' | 'json' | 'not-json';
  /** A problem code the case must raise. */
  code?: string;
}

const cases: Case[] = [
  { name: 'empty body', body: Buffer.alloc(0), kind: 'not-json', code: 'empty-body' },
  { name: 'random binary', body: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), kind: 'not-json' },
  {
    name: 'latin1 declared',
    body: Buffer.from('{"TaskID":"t","Sign":"s","TaskName":"caf\xe9"}', 'latin1'),
    headers: { 'content-type': 'application/json; charset=iso-8859-1' },
    kind: 'call-end',
  },
  {
    name: 'invalid UTF-8',
    body: Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]),
    kind: 'json',
    code: 'invalid-utf8',
  },
  {
    name: 'UTF-16LE with BOM',
    body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"TaskID":"t","Sign":"s"}', 'utf16le')]),
    kind: 'call-end',
  },
  { name: 'UTF-8 BOM', body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), seed]), kind: 'call-end', code: 'utf8-bom' },
  { name: 'gzip', body: gzipSync(seed), headers: { 'content-encoding': 'gzip' }, kind: 'call-end' },
  { name: 'brotli', body: brotliCompressSync(seed), headers: { 'content-encoding': 'br' }, kind: 'call-end' },
  {
    name: 'truncated gzip',
    body: gzipSync(seed).subarray(0, 200),
    headers: { 'content-encoding': 'gzip' },
    kind: 'not-json',
    code: 'decode-failed',
  },
  { name: 'gzip claimed, plain sent', body: seed, headers: { 'content-encoding': 'gzip' }, kind: 'call-end' },
  { name: 'unknown encoding', body: seed, headers: { 'content-encoding': 'zstd-ish' }, kind: 'not-json', code: 'unsupported-encoding' },
  { name: '100k-deep nesting', body: Buffer.from('['.repeat(100_000) + ']'.repeat(100_000)), kind: 'json', code: 'depth-limit' },
  { name: 'unbalanced deep nesting', body: Buffer.from('{"a":'.repeat(50_000)), kind: 'not-json', code: 'invalid-json' },
  { name: 'duplicate keys', body: Buffer.from('{"TaskID":"a","TaskID":"b","Sign":"s"}'), kind: 'call-end', code: 'duplicate-key' },
  {
    name: 'integer beyond 2^53',
    body: Buffer.from(seedText.replace('15744007', '98765432109876543210')),
    kind: 'call-end',
    code: 'unsafe-integer',
  },
  {
    name: 'hostile strings everywhere',
    body: Buffer.from(seedText.replace(/"(xxxxx|name1|Task-001|Plan_001)"/g, JSON.stringify(inject))),
    kind: 'call-end',
  },
  {
    name: 'contract violations',
    body: Buffer.from('{"TaskID":1,"Sign":"s","Details":[{"id":"x","CallStartTime":"yesterday","CalleeGender":"robot"}]}'),
    kind: 'call-end',
    code: 'missing-field',
  },
  {
    name: 'form post',
    body: Buffer.from('TaskID=1&Sign=2'),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    kind: 'not-json',
  },
  { name: 'PDS envelope', body: Buffer.from('{"type":"call","body":{"x":1}}'), kind: 'json' },
  { name: 'JSON scalar', body: Buffer.from('42'), kind: 'json' },
  {
    name: 'a 5 MB string',
    body: Buffer.from(JSON.stringify({ TaskID: 't', Sign: 's', TaskName: 'x'.repeat(5_000_000) })),
    kind: 'call-end',
  },
];

let core: Awaited<ReturnType<typeof startTestCore>>;
beforeAll(async () => {
  core = await startTestCore();
});
afterAll(() => core.cleanup());

describe('hostile bodies through the receiver', () => {
  it.each(cases)('$name: stored byte-identical, classified $kind, answered', async (c) => {
    const res = await send(core.receiver.url, { headers: { 'content-type': 'application/json', ...c.headers }, body: c.body });
    expect(res.status).toBe(200);
    const id = Number(res.headers['x-callback-inspector-delivery']);
    // Every detail view opens (and, through the API, the delivery is derived before it is read).
    expect(await core.api.getDelivery({ id })).not.toBeNull();
    expect(await core.api.getRawBody({ id })).not.toBeNull();
    const line = toExportLine(core.store.deliveries.get(id)!, core.store.deliveries.body(id)!);
    expect(Buffer.from(line.bodyBase64, 'base64').equals(c.body)).toBe(true);
    expect(line.sha256).toBe(sha256Hex(c.body));
    expect(line.kind).toBe(c.kind);
    if (c.code) expect(line.problems.map((p) => p.code)).toContain(c.code);
  });

  it('stores a chunked body as the bytes after transfer-decoding', async () => {
    const res = await new Promise<number>((resolve, reject) => {
      const req = request(core.receiver.url, { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (r) => {
        r.resume();
        resolve(Number(r.headers['x-callback-inspector-delivery']));
      });
      req.on('error', reject);
      for (let i = 0; i < seed.length; i += 100) req.write(seed.subarray(i, i + 100));
      req.end();
    });
    expect(core.store.deliveries.body(res)?.equals(seed)).toBe(true);
  });

  it('still answers the seed example normally afterwards', async () => {
    expect((await send(core.receiver.url, { body: seed })).body).toBe('{}');
  });
});
