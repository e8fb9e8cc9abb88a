import { describe, expect, it } from 'vitest';
import { operations } from '../../../shared/api.js';
import { ApiError, createHttpClient } from '../../../shared/http-client.js';

type Call = { url: string; init: { method: string; headers: Record<string, string>; body: string } };

function fakeFetch(reply: (call: Call) => { status: number; body: unknown }) {
  const calls: Call[] = [];
  const fetch = async (url: string, init: Call['init']) => {
    const call = { url, init };
    calls.push(call);
    const r = reply(call);
    return new Response(JSON.stringify(r.body), { status: r.status, headers: { 'content-type': 'application/json' } });
  };
  return { calls, fetch };
}

describe('HTTP API client', () => {
  it('has one method per operation of the contract, each POSTing its input with the bearer token', async () => {
    const { calls, fetch } = fakeFetch(() => ({ status: 200, body: { result: 'ok' } }));
    const client = createHttpClient({ baseUrl: 'http://127.0.0.1:9/', token: 't0k', fetch }) as unknown as Record<
      string,
      (i: unknown) => Promise<unknown>
    >;
    expect(Object.keys(client).sort()).toEqual(Object.keys(operations).sort());
    for (const name of Object.keys(operations)) expect(await client[name]!({ n: name })).toBe('ok');
    expect(calls.map((c) => c.url)).toEqual(Object.keys(operations).map((n) => `http://127.0.0.1:9/api/${n}`));
    for (const c of calls) {
      expect(c.init.method).toBe('POST');
      expect(c.init.headers.authorization).toBe('Bearer t0k');
      expect(JSON.parse(c.init.body)).toEqual({ n: c.url.split('/').pop() });
    }
  });

  it('returns a null result as null (a missing delivery), not as an error', async () => {
    const { fetch } = fakeFetch(() => ({ status: 200, body: { result: null } }));
    await expect(createHttpClient({ baseUrl: 'http://h/', token: 't', fetch }).getDelivery({ id: 1 })).resolves.toBeNull();
  });

  it('turns an error answer into an ApiError with the status and the validation issues', async () => {
    const issues = [{ path: 'id', message: 'Too small' }];
    const { fetch } = fakeFetch(() => ({ status: 400, body: { error: 'invalid input for getDelivery', issues } }));
    const err = await createHttpClient({ baseUrl: 'http://h/', token: 't', fetch })
      .getDelivery({ id: 0 })
      .catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, message: 'invalid input for getDelivery', issues });
  });

  it('says when the server cannot be reached', async () => {
    const fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(createHttpClient({ baseUrl: 'http://h/', token: 't', fetch }).info({})).rejects.toMatchObject({
      status: 0,
      message: expect.stringMatching(/cannot reach/),
    });
  });
});
