// Forwarded headers are hints, never targets: X-Forwarded-Host (and Host) come from whoever sends a
// request, so they neither become the public URL nor the default target of a re-send, a copied curl
// command or a HAR. The first X-Forwarded-Host is offered; the user confirming it sets the public URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore } from './support/core.js';
import { send, sendRaw } from './support/http.js';

let core: Awaited<ReturnType<typeof startTestCore>>;
beforeAll(async () => {
  core = await startTestCore();
});
afterAll(async () => core.cleanup());

const deliver = async (headers: Record<string, string>, path = 'hooks/acme/cb?x=1') =>
  Number(
    (await send(core.receiver.url + path, { headers: { 'Content-Type': 'application/json', ...headers }, body: '{"TaskID":"t"}' })).headers[
      'x-callback-inspector-delivery'
    ],
  );

/** Where each place that picks a default target would send delivery `id`. */
async function defaults(id: number) {
  const draft = (await core.api.resendDraft({ deliveryId: id }))!;
  const curl = (await core.api.copyAsCurl({ deliveryId: id }))!;
  const har = await core.api.exportHar({ ids: [id] });
  return { resend: draft.originalUrl, curl: /--url '([^']*)'/.exec(curl.command)?.[1], har: har.log.entries[0]!.request.url };
}

describe('forwarded headers', () => {
  let first: number;

  it('a delivery with X-Forwarded-Host: evil.example is not the default target of re-send, curl or HAR, nor the public URL', async () => {
    first = await deliver({ Host: 'evil.example', 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' });
    const own = `${core.receiver.url}hooks/acme/cb?x=1`;
    expect(await defaults(first)).toEqual({ resend: own, curl: own, har: own });
    expect((await core.api.info({})).publicUrl).toBeNull();
  });

  it('offers the first X-Forwarded-Host seen as a hint; later ones do not replace it', async () => {
    await deliver({ 'X-Forwarded-Host': 'other.example' });
    await deliver({ 'X-Forwarded-Host': 'x:99999' });
    expect(await core.api.info({})).toMatchObject({ publicUrl: null, suggestedPublicUrl: 'https://evil.example' });
  });

  it('once the user confirms the hint it is the public URL, and the default target of all three', async () => {
    const { suggestedPublicUrl } = await core.api.info({});
    await core.api.putSettings({ publicUrl: suggestedPublicUrl! });
    expect((await core.api.info({})).publicUrl).toBe('https://evil.example');
    const onPublic = 'https://evil.example/hooks/acme/cb?x=1';
    expect(await defaults(first)).toEqual({ resend: onPublic, curl: onPublic, har: onPublic });
  });

  it('a delivery keeps its own path on the confirmed public URL, whatever host it named', async () => {
    await core.api.putSettings({ publicUrl: 'https://abc.ngrok.app/' });
    const id = await deliver({ Host: 'attacker.example:1', 'X-Forwarded-Host': 'attacker.example' }, 'hooks/other/?q=2');
    const expected = 'https://abc.ngrok.app/hooks/other/?q=2';
    expect(await defaults(id)).toEqual({ resend: expected, curl: expected, har: expected });
  });

  it('an absolute-form request target names no host either', async () => {
    await core.api.putSettings({ publicUrl: '' });
    const id = await sendRaw(
      core.receiver.url,
      'POST http://evil.example/hooks/abs/?y=3 HTTP/1.1\r\nHost: evil.example\r\nContent-Length: 2\r\n\r\n{}',
    );
    expect((await core.api.getDelivery({ id }))!.path).toBe('http://evil.example/hooks/abs/');
    const expected = `${core.receiver.url}hooks/abs/?y=3`;
    expect(await defaults(id)).toEqual({ resend: expected, curl: expected, har: expected });
  });
});
