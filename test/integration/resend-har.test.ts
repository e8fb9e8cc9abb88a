// HAR export of selected deliveries: the request as it arrived (its path on the receiver, headers in
// order, body as text or base64) and the answer the receiver gave.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore } from './support/core.js';
import { send } from './support/http.js';

let core: Awaited<ReturnType<typeof startTestCore>>;
beforeAll(async () => {
  core = await startTestCore();
});
afterAll(async () => core.cleanup());

const deliver = async (body: Uint8Array | string, headers: Record<string, string>, path = '') =>
  Number((await send(core.receiver.url + path, { headers, body })).headers['x-callback-inspector-delivery']);

describe('HAR export', () => {
  it('writes the chosen deliveries in order with their URL, headers, query, body and answer', async () => {
    await core.api.putEndpoint({ name: 'flaky', response: { status: 503 } });
    const text = await deliver(
      '{"a":123456789012345678901}',
      { 'Content-Type': 'application/json', 'X-Forwarded-Proto': 'https' },
      'hooks/flaky/cb?x=1&y=two',
    );
    const binary = await deliver(gzipSync('{"b":2}'), { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    await deliver('{"not":"chosen"}', { 'Content-Type': 'application/json' });
    const har = await core.api.exportHar({ ids: [text, binary] });
    expect(har.log).toMatchObject({ version: '1.2', creator: { name: 'Callback Inspector' } });
    expect(har.log.entries).toHaveLength(2);
    const [t, b] = har.log.entries;
    const host = new URL(core.receiver.url).host;
    expect(t!.request).toMatchObject({
      method: 'POST',
      // On the receiver: X-Forwarded-Proto (like Host and X-Forwarded-Host) is the sender's word, kept as a header.
      url: `http://${host}/hooks/flaky/cb?x=1&y=two`,
      queryString: [
        { name: 'x', value: '1' },
        { name: 'y', value: 'two' },
      ],
      postData: { mimeType: 'application/json', text: '{"a":123456789012345678901}' },
    });
    expect(t!.request.headers.slice(0, 2)).toEqual([
      { name: 'Content-Type', value: 'application/json' },
      { name: 'X-Forwarded-Proto', value: 'https' },
    ]);
    expect(t!.request.headers).toContainEqual({ name: 'Host', value: host });
    expect(t!.response.status).toBe(503);
    expect(b!.request.postData).toEqual({ mimeType: 'application/json', text: gzipSync('{"b":2}').toString('base64'), encoding: 'base64' });
    expect(Date.parse(b!.startedDateTime)).toBeGreaterThanOrEqual(Date.parse(t!.startedDateTime));
  });
});
