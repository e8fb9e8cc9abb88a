// The search language against a real store: a callee number is found however it is spelled (with or
// without +, with separators), through the callee indexes; every inbox column's field selects what
// the column shows; and a word naming no field is refused where a script would wait on it for ever.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiInputError } from '../../shared/api.js';
import { parseSearch } from '../../shared/search-syntax.js';
import { scopedQuery } from '../../main/core/store/inbox-query.js';
import { startTestCore } from './support/core.js';
import { send } from './support/http.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');

let core: Awaited<ReturnType<typeof startTestCore>>;
const ids: Record<string, number> = {};
const deliver = async (name: string, url: string, body: string, method = 'POST') => {
  ids[name] = Number((await send(url, { method, body })).headers['x-callback-inspector-delivery']);
};
const found = async (search: string) => {
  const filter = parseSearch(search);
  const [page, count] = await Promise.all([core.api.listDeliveries({ filter }), core.api.countDeliveries({ filter })]);
  expect(count.total).toBe(page.items.length);
  return page.items.map((d) => d.id).sort((a, b) => a - b);
};

beforeAll(async () => {
  core = await startTestCore();
  await core.api.putEndpoint({ name: 'slow', response: { status: 503 } });
  const r = core.receiver.url;
  // The vendor's own spelling, and a platform that sends the number without its +.
  await deliver('plus', r, seed);
  await deliver('bare', r, seed.replaceAll('"+6212345678"', '"6212345678"').replace('"Task-001"', '"Task-002"'));
  // Only a redial (RedailCall) is to this number.
  await deliver(
    'redial',
    `${r}hooks/slow/`,
    seed
      .replace('"CalleeNumber": "+6212345678"', '"CalleeNumber": "+6299999999"')
      .replace('"callee_number": "+6212345678"', '"callee_number": "6277777777"'),
  );
  await deliver('retry', r, seed); // the vendor retrying the first
  await deliver('form', `${r}other/path`, 'a=1', 'PUT');
}, 30_000);
afterAll(async () => {
  await core.cleanup();
});

describe('a callee number', () => {
  it('is found with or without its +, and typed with spaces or dashes', async () => {
    const both = [ids.plus!, ids.bare!, ids.retry!].sort((a, b) => a - b);
    expect(await found('CalleeNumber:6212345678')).toEqual(both);
    expect(await found('CalleeNumber:+6212345678')).toEqual(both);
    expect(await found('CalleeNumber:"+62 1234-5678"')).toEqual(both);
    expect(await found('callee:62-1234-5678')).toEqual(both);
  });

  it("is found in a redial's number too, either spelling", async () => {
    expect(await found('CalleeNumber:+6277777777')).toEqual([ids.redial]);
    expect(await found('CalleeNumber:6277777777')).toEqual([ids.redial]);
  });

  it('is looked up through the callee indexes, each spelling', () => {
    const { from, params } = scopedQuery(parseSearch('CalleeNumber:6212345678'));
    const plan = core.store.db
      .prepare(`EXPLAIN QUERY PLAN SELECT d.id ${from}`)
      .all(...params)
      .map((r) => (r as { detail: string }).detail)
      .join(' | ');
    expect(plan).toMatch(/calls USING (COVERING )?INDEX calls_callee \(callee_number=\?\)/);
    expect(plan).toMatch(/redials USING (COVERING )?INDEX redials_callee \(callee_number=\?\)/);
  });
});

describe("every inbox column's field", () => {
  it('selects by TaskName, request method and path, answer, calls, retry and re-send', async () => {
    expect(await found('TaskName:Task-002')).toEqual([ids.bare]);
    expect(await found('method:put')).toEqual([ids.form]);
    expect(await found('path:/other/path')).toEqual([ids.form]);
    expect(await found('answer:503')).toEqual([ids.redial]);
    expect(await found('calls:0')).toEqual([ids.form]);
    expect(await found('retry:yes')).toEqual([ids.retry]);
    expect(await found('retry:no kind:call-end CalleeNumber:+6212345678')).toEqual([ids.plus!, ids.bare!].sort((a, b) => a - b));
    expect(await found('resend:yes')).toEqual([]);
    expect((await found('resend:no')).length).toBe(5);
  });
});

describe('a word naming no field', () => {
  it('is refused by waitForDelivery with the closest field named', async () => {
    const wait = core.api.waitForDelivery({ match: 'CalleNumber:6212345678', timeoutMs: 0 });
    await expect(wait).rejects.toBeInstanceOf(ApiInputError);
    await expect(wait).rejects.toThrow('unknown field CalleNumber: did you mean CalleeNumber?');
  });
});
