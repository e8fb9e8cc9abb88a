// The diff screen in Chromium against `serve`: two deliveries compared path by path with both values,
// reached from the delivery screen (the contract example), the vendor-retry group and a re-send
// attempt; payload text stays text.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type Target } from '../integration/support/target.js';
import { launchChromium, openUi, post, screenshot, startServe, type Served } from './support/browser.js';

const seedText = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
const seed = JSON.parse(seedText);
const INJECTION = '<img src=x onerror="window.__pwned=1">';
const call = (n: number) => ({ ...seed.Details[0], id: 15744000 + n, CallID: `${n}`.repeat(32), CalleeName: `name${n}` });
const [second, third, fourth] = [call(2), call(3), call(4)];
/** A: the seed with three more calls. B: the first two swapped and changed, the last two swapped, and planted changes elsewhere. */
const bodyA = JSON.stringify({ ...seed, Details: [seed.Details[0], second, third, fourth] }, null, 2);
const bodyB = JSON.stringify(
  {
    TaskID: seed.TaskID,
    TaskName: INJECTION,
    Sign: seed.Sign,
    Details: [
      { ...second, Status: 'failed', CallTimes: '2' },
      { ...seed.Details[0], id: 0, NerSlots: { ...seed.Details[0].NerSlots, PaymentTime: 'Time_1' } },
      fourth,
      third,
    ],
    Extra: { reason: 'added on purpose' },
  },
  null,
  2,
).replace('"id": 0', '"id": 98765432109876543210');

let served: Served;
let browser: Browser;
let page: Page;
let errors: string[];
let target: Target;
let token: string;

beforeAll(async () => {
  served = await startServe();
  target = await startTarget();
  token = decodeURIComponent(new URL(served.ui).hash.replace('#token=', ''));
  browser = await launchChromium();
  ({ page, errors } = await openUi(browser, served.ui));
  await page.locator('.inbox').waitFor();
  expect(await post(served.receiver, bodyA)).toBe(200); // #1
  expect(await post(served.receiver, bodyB)).toBe(200); // #2
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await target?.close();
});

const go = (hash: string) => page.evaluate((h) => (window.location.hash = h), hash);
const summary = () => page.getByTestId('diff-summary');
const row = (path: string) => page.locator(`tr.diff-row[data-path="${path}"]`);

async function api(op: string, input: unknown) {
  const res = await fetch(`${new URL(served.ui).origin}/api/${op}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return ((await res.json()) as { result: any }).result;
}

describe('the diff screen', () => {
  it('lists two deliveries path by path, grouped by holder, with both values and big integers exact', async () => {
    await go('#/diff?a=1&b=2');
    await expect.poll(() => summary().innerText()).toMatch(/^8 differences\s+4 changed\s+1 type changed\s+1 added\s+1 removed\s+1 moved$/);
    expect(await page.locator('.diff-side').allInnerTexts()).toEqual([
      expect.stringMatching(/^A\s+delivery #1\n.*JSON/),
      expect.stringMatching(/^B\s+delivery #2\n.*JSON/),
    ]);
    expect(await page.locator('.diff-holder').allInnerTexts()).toEqual([
      '$ (top level)',
      'Details[0]',
      'Details[0].NerSlots',
      'Details[1]',
      'Details',
    ]);
    expect(await page.locator('tr.diff-moved').innerText()).toMatch(
      /moved\s+\[[23]\]\s+→ Details\[[23]\][\s\S]*"CallID": "(3{32}|4{32})"[\s\S]*the same value, at Details\[[23]\]/,
    );
    expect(await row('TaskName').innerText()).toMatch(
      /changed\s+TaskName\s+"Task-001"\s+string\s+"<img src=x onerror=\\"window.__pwned=1\\">"/,
    );
    expect(await row('Details[0].id').innerText()).toMatch(/→ Details\[1\]\.id[\s\S]*15744007[\s\S]*98765432109876543210/);
    expect(await row('Details[0].NerSlots.PaymentTime').innerText()).toMatch(/"Time_0"[\s\S]*"Time_1"/);
    expect(await row('Details[1].Status').innerText()).toMatch(/→ Details\[0\]\.Status[\s\S]*"finished"[\s\S]*"failed"/);
    expect(await row('Details[1].CallTimes').innerText()).toMatch(/type changed[\s\S]*2\s+integer[\s\S]*"2"\s+string/);
    expect(await row('PlanName').innerText()).toMatch(/removed[\s\S]*"Plan_001"[\s\S]*absent/);
    expect(await row('Extra').innerText()).toMatch(/added[\s\S]*absent[\s\S]*"reason": "added on purpose"/);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('.diff-list img').count()).toBe(0);
    await screenshot(page, 'diff');
  });

  it('opens from the delivery screen against the contract example, and the pickers change the sides', async () => {
    await go('#/delivery/2');
    await page.getByRole('link', { name: 'Compare with the contract example' }).click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/diff?a=2&b=example');
    await expect.poll(() => summary().innerText()).toMatch(/differences/);
    expect(await page.locator('.diff-side').nth(1).innerText()).toMatch(/the contract's example/);
    await page.getByLabel('side A').fill('example');
    await page.getByRole('button', { name: 'Compare' }).click();
    await expect.poll(() => summary().innerText()).toBe('identical');
    await page.getByLabel('side B').fill('nonsense');
    await page.getByRole('button', { name: 'Compare' }).click();
    await expect.poll(() => page.locator('.error-bar').innerText()).toMatch(/"nonsense": not a delivery id/);
    await page.getByLabel('side B').fill('99999');
    await page.getByRole('button', { name: 'Compare' }).click();
    await expect.poll(() => page.locator('.error-bar').innerText()).toMatch(/^Could not compare: side B: there is no delivery #?99999/);
    // That 400 was asked for: the browser's log of it is not a page error.
    errors.splice(0, errors.length, ...errors.filter((e) => !e.includes('status of 400')));
  });

  it('compares a vendor retry with its first attempt from the retry group', async () => {
    expect(await post(served.receiver, seedText)).toBe(200); // #3
    expect(await post(served.receiver, seedText)).toBe(200); // #4, attempt 2 of #3
    await go('#/delivery/4');
    await page.locator('.retry-group').waitFor();
    await page.locator('.retry-group').getByRole('link', { name: 'compare with attempt 1' }).click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/diff?a=4&b=3');
    await expect.poll(() => summary().innerText()).toBe('identical');
  });

  it('compares the body a re-send attempt sent with the original, from the attempt log', async () => {
    const job = await api('resend', { deliveryId: 1, to: target.url('/ok'), body: { text: bodyA.replace('"Plan_001"', '"Plan_002"') } });
    await target.waitFor(1);
    await go('#/delivery/1');
    await expect.poll(() => page.locator('.attempt-log li').count()).toBe(1);
    await page.locator('.attempt-log li').first().getByRole('button').click();
    await page.getByRole('link', { name: 'Compare the sent body with the original' }).click();
    await expect.poll(() => summary().innerText()).toMatch(/^1 difference\s+1 changed$/);
    expect(await page.locator('.diff-side').nth(1).innerText()).toMatch(new RegExp(`body sent by attempt #\\d+ \\(job ${job.id}, try 1`));
    expect(await row('PlanName').innerText()).toMatch(/"Plan_001"[\s\S]*"Plan_002"/);
  });

  it('compares two calls of one callee from the redial chain', async () => {
    await go('#/chain/+6212345678');
    const steps = page.locator('.attempt-list li button');
    await expect.poll(() => steps.count()).toBeGreaterThan(1);
    await steps.nth(1).click();
    const link = page.getByRole('link', { name: "compare with attempt 1's call" });
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^#\/diff\?a=call:\d+\/\d+&b=call:\d+\/\d+$/);
    await link.click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(href);
    await expect.poll(() => summary().innerText()).toMatch(/^(identical|\d+ differences?\s)/);
    expect(await page.locator('.diff-side').allInnerTexts()).toEqual([
      expect.stringMatching(/call \d+ of delivery #\d+/),
      expect.stringMatching(/call \d+ of delivery #\d+/),
    ]);
    expect(errors).toEqual([]);
  });
});
