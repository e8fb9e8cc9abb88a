// A stored body over the HTTP API, read with the shared HTTP client (the browser's and the CLI's): its
// bytes arrive exactly as stored, non-UTF-8 bytes included, and its text as the body reader decoded it.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpApi, type HttpApi } from '../../main/hosts/http/http-api.js';
import type { ApiClient } from '../../shared/api.js';
import { createHttpClient } from '../../shared/http-client.js';
import { rawBodyText } from '../../shared/raw-body-text.js';
import { startTestCore } from './support/core.js';
import { send } from './support/http.js';

const token = 'transport-token';
let core: Awaited<ReturnType<typeof startTestCore>>;
let api: HttpApi;
let http: ApiClient;

beforeAll(async () => {
  core = await startTestCore();
  api = await startHttpApi({ service: core.service, events: core.events, token, port: 0 });
  http = createHttpClient({ baseUrl: api.url, token, fetch: (url, init) => fetch(url, init) });
});
afterAll(async () => {
  await api.close();
  await core.cleanup();
});

async function deliver(body: Uint8Array, headers: Record<string, string>): Promise<number> {
  const res = await send(core.receiver.url, { headers, body });
  return Number(res.headers['x-callback-inspector-delivery']);
}

describe('getRawBody over HTTP', () => {
  it('gives a plain UTF-8 body once: its bytes, which are its text', async () => {
    const body = Buffer.from('{"TaskID":"é ✓ 😀","n":123456789012345678901}');
    const raw = (await http.getRawBody({ id: await deliver(body, { 'content-type': 'application/json' }) }))!;
    expect(Buffer.from(raw.bytes).equals(body)).toBe(true);
    expect(raw.textUtf8).toBe('bytes');
    expect(rawBodyText(raw)).toBe(body.toString('utf8'));
    expect(raw).toMatchObject({ size: body.byteLength, truncated: false, charset: 'utf-8' });
  });

  it('gives bytes that are not UTF-8 exactly as stored, beside the text shown for them', async () => {
    const body = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x80]), Buffer.from('"}')]);
    const id = await deliver(body, { 'content-type': 'application/json' });
    const raw = (await http.getRawBody({ id }))!;
    expect(Buffer.from(raw.bytes).equals(body)).toBe(true);
    expect(rawBodyText(raw)).toBe(new TextDecoder().decode(body));
    expect(rawBodyText(raw)).toContain('\uFFFD');
    // The same answer as the core gives in process.
    expect(rawBodyText(raw)).toBe(rawBodyText((await core.api.getRawBody({ id }))!));
  });

  it('gives a gzip body as the stored gzip bytes, and its text inflated and decoded from its charset', async () => {
    // windows-1252: 0xE9 é, 0x96 an en dash, 0xEF ï.
    const gz = gzipSync(
      Buffer.concat([Buffer.from('{"name":"caf'), Buffer.from([0xe9, 0x20, 0x96, 0x20]), Buffer.from('na\u00efve"}', 'latin1')]),
    );
    const raw = (await http.getRawBody({
      id: await deliver(gz, { 'content-type': 'application/json; charset=iso-8859-1', 'content-encoding': 'gzip' }),
    }))!;
    expect(Buffer.from(raw.bytes).equals(gz)).toBe(true);
    expect(raw.charset).toBe('windows-1252');
    expect(rawBodyText(raw)).toBe('{"name":"café – naïve"}');
  });

  it('gives a binary body as its bytes, with no text', async () => {
    const body = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0xff]);
    const raw = (await http.getRawBody({ id: await deliver(body, { 'content-type': 'image/png' }) }))!;
    expect(Buffer.from(raw.bytes).equals(body)).toBe(true);
    expect(raw.textUtf8).toBeNull();
    expect(rawBodyText(raw)).toBeNull();
  });

  it('answers null for a delivery that is not there', async () => {
    expect(await http.getRawBody({ id: 999_999 })).toBeNull();
  });
});
