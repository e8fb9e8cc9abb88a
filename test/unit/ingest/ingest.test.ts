import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import zlib from 'node:zlib';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { guarded, ingest } from '../../../main/core/ingest/ingest.js';
import type { IngestInput } from '../../../main/core/ingest/types.js';
import { VENDOR_DEFAULT_KEY } from '../../../shared/sign.js';

const SEED = readFileSync(new URL('../../fixtures/seed-example.json', import.meta.url));
const JSON_HEADERS: Array<[string, string]> = [
  ['Content-Type', 'application/json'],
  ['User-Agent', 'Airudder'],
];
const run = (body: Uint8Array, more: Partial<IngestInput> = {}) =>
  ingest({ body, truncated: false, headers: JSON_HEADERS, endpoint: null, ...more });
const codes = (r: { problems: Array<{ severity: string; code: string }> }) => r.problems.map((p) => `${p.severity} ${p.code}`);

describe("the page's example", () => {
  it('is a call-end with no errors or warnings, its two notes, one indexed call and search text', () => {
    const r = run(SEED);
    expect(r).toMatchObject({
      kind: 'call-end',
      shape: 'call-end',
      contentType: 'application/json',
      contentEncoding: null,
      charset: 'utf-8',
      taskId: '502380771007633e8d8b859ebf76970a',
      taskName: 'Task-001',
      planName: 'Plan_001',
    });
    expect(codes(r)).toEqual(['note ambiguous-timezone', 'note unknown-enum']);
    expect(r.calls).toHaveLength(1);
    expect(r.calls[0]?.redials).toHaveLength(1);
    expect(r.searchText).toContain('name1');
    expect(r.sign).toMatchObject({ status: 'verified', scheme: 'md5-template', keySource: 'vendor-default' });
  });

  it("checks an unconfigured endpoint's call-end Sign with the vendor's default KEY, and other bodies not at all", () => {
    const tampered = Buffer.from(SEED.toString().replace('Task-001', 'Task-X'));
    const bad = Buffer.from(SEED.toString().replace('de9c60e6d7d623d75f1095e83b9bede3', '0'.repeat(32)));
    expect(run(tampered).sign.status).toBe('verified'); // the default template signs TaskID only
    expect(run(bad).sign).toMatchObject({ status: 'mismatch', keySource: 'vendor-default' });
    expect(run(Buffer.from('{"a":1}')).sign).toMatchObject({ status: 'not-checked', reason: 'not a call-end notification' });
    expect(run(SEED, { endpoint: { key: '', sign: { type: 'none' } } }).sign.status).toBe('not-checked');
    expect(run(SEED, { endpoint: { key: 'customer-key', sign: { type: 'md5-template' } } }).sign).toMatchObject({
      status: 'mismatch',
      keySource: 'endpoint',
    });
  });

  it('verifies Sign when the endpoint has the md5 template and KEY, through gzip', () => {
    const r = run(zlib.gzipSync(SEED), {
      headers: [...JSON_HEADERS, ['Content-Encoding', 'gzip']],
      endpoint: { key: VENDOR_DEFAULT_KEY, sign: { type: 'md5-template' } },
    });
    expect(r.kind).toBe('call-end');
    expect(r.contentEncoding).toBe('gzip');
    expect(r.sign.status).toBe('verified');
  });

  it('verifies an hmac-sha256 header over the body as decoded from its Content-Encoding', () => {
    const signature = createHmac('sha256', 'k').update(SEED).digest('hex');
    const headers: Array<[string, string]> = [...JSON_HEADERS, ['Content-Encoding', 'br'], ['X-Signature', signature]];
    expect(run(zlib.brotliCompressSync(SEED), { headers, endpoint: { key: 'k', sign: { type: 'hmac-sha256' } } }).sign.status).toBe(
      'verified',
    );
  });

  it('warns when a call-end arrives with a Content-Type other than application/json', () => {
    expect(codes(run(SEED, { headers: [['content-type', 'text/plain']] }))).toContain('warning unexpected-content-type');
  });

  it('carries parse warnings (a duplicated CallID) along with the contract findings', () => {
    const text = SEED.toString('utf8').replace('"CallID": "6dbf', '"CallID": "first", "CallID": "6dbf');
    const r = run(Buffer.from(text));
    expect(r.problems[0]).toMatchObject({ code: 'duplicate-key', path: 'Details[0].CallID' });
    expect(r.calls[0]?.callId).toBe('6dbf57adc3ecf4f4bfd5efe85ccad659');
  });
});

describe('bodies that are not the contract', () => {
  it('classifies an empty body as not-json with an empty-body warning and nothing else', () => {
    const r = run(new Uint8Array(0));
    expect(r.kind).toBe('not-json');
    expect(codes(r)).toEqual(['warning empty-body']);
  });

  it('classifies a truncated body that no longer parses as not-json, with truncated and invalid-json problems', () => {
    const r = run(SEED.subarray(0, 500), { truncated: true });
    expect(r.kind).toBe('not-json');
    expect(codes(r)).toEqual(['error truncated', 'error invalid-json']);
    expect(r.problems[1]?.message).toMatch(/truncated/);
    expect(r.searchText).toContain('Task-001');
  });

  it('still reads a truncated body that parses, and says it was truncated', () => {
    const r = run(SEED, { truncated: true });
    expect(r.kind).toBe('call-end');
    expect(codes(r)[0]).toBe('error truncated');
  });

  it('reads a gzip body cut inside its trailer: all the JSON is there, the decode error is kept', () => {
    const gz = zlib.gzipSync(SEED);
    const r = run(gz.subarray(0, gz.length - 4), { truncated: true, headers: [...JSON_HEADERS, ['Content-Encoding', 'gzip']] });
    expect(r.kind).toBe('call-end');
    expect(codes(r).slice(0, 2)).toEqual(['error truncated', 'error decode-failed']);
  });

  it('reports invalid JSON as an error when the Content-Type claims JSON, and as a warning otherwise', () => {
    expect(codes(run(Buffer.from('{"a":')))).toEqual(['error invalid-json']);
    const form = run(Buffer.from('TaskID=t&Sign=s'), { headers: [['Content-Type', 'application/x-www-form-urlencoded']] });
    expect(form).toMatchObject({ kind: 'not-json', searchText: 'TaskID=t&Sign=s' });
    expect(codes(form)).toEqual(['warning invalid-json']);
  });

  it('classifies a binary body as not-json with no search text', () => {
    const r = run(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x7b]), { headers: [['Content-Type', 'image/png']] });
    expect(r).toMatchObject({ kind: 'not-json', charset: null, searchText: '' });
    expect(codes(r)).toEqual(['warning binary-body']);
  });

  it('indexes other JSON by its shape and string values, without contract checks', () => {
    const r = run(Buffer.from('{"workflow_id":"wf-9","status":"finished","callee":"+62999"}'));
    expect(r).toMatchObject({ kind: 'json', shape: 'workflow-status', calls: [], problems: [], taskId: null });
    expect(r.searchText).toBe('wf-9\nfinished\n+62999');
  });

  it('never throws, whatever the bytes and headers', () => {
    const header = fc.tuple(
      fc.constantFrom('Content-Type', 'content-encoding', 'X-Signature'),
      fc.constantFrom('gzip', 'br', 'deflate', 'x', 'application/json; charset=gbk', 'text/plain; charset=nope', ''),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.array(header, { maxLength: 3 }), fc.boolean(), (body, headers, truncated) => {
        const r = ingest({ body, headers, truncated, endpoint: { key: 'k', sign: { type: 'md5-template' } } });
        expect(['call-end', 'json', 'not-json']).toContain(r.kind);
        expect(r.problems.every((p) => p.code !== 'internal-error')).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the safety net', () => {
  it('turns an exception inside a stage into an internal-error problem and kind not-json', () => {
    const r = guarded(() => {
      throw new Error('stage exploded');
    });
    expect(r).toMatchObject({ kind: 'not-json', calls: [], searchText: '', sign: { status: 'not-checked' } });
    expect(r.problems).toEqual([expect.objectContaining({ code: 'internal-error', severity: 'error', path: '$' })]);
    expect(r.problems[0]?.message).toContain('stage exploded');
  });

  it('is what ingest runs under: input that breaks its type (a stored row without a body) yields internal-error', () => {
    const r = ingest({ body: null, truncated: false, headers: [], endpoint: null } as unknown as IngestInput);
    expect(codes(r)).toEqual(['error internal-error']);
  });
});

describe('size', () => {
  it('ingests a 32 MB call-end body with every call indexed', () => {
    const seed = JSON.parse(SEED.toString('utf8'));
    const call = seed.Details[0];
    call.AsrResult = Array.from({ length: 20 }, (_, i) => ({
      time: '00:00:01',
      robottext: `Halo, ini Happy Planet ${i} selamat datang`,
      text: `ya ${i}`,
    }));
    const one = JSON.stringify(call).length;
    seed.Details = Array.from({ length: Math.ceil(32e6 / one) }, (_, i) => ({ ...call, CallID: `c${i}` }));
    const body = Buffer.from(JSON.stringify(seed));
    expect(run(body).calls.length).toBe(seed.Details.length);
  });

  it('ingests 32 MB of [[[[...]]]] as JSON with one depth-limit warning', () => {
    const body = Buffer.from('['.repeat(16 * 1024 * 1024) + ']'.repeat(16 * 1024 * 1024));
    const r = run(body);
    expect(r.kind).toBe('json');
    expect(codes(r)).toEqual(['warning depth-limit']);
  });
});
