// Bulk re-send from the inbox in Chromium against `serve`: the preview (how many, the first ones in
// sending order), re-signing with a KEY, the vendor retry policy, and afterwards the failed items with
// why, each linking to its delivery.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type Target } from '../integration/support/target.js';
import { post, screenshot, servedUi } from './support/browser.js';

const ui = servedUi();
let target: Target;

beforeAll(async () => {
  target = await startTarget();
});

afterAll(async () => {
  await target?.close();
});

/** Four deliveries; the first and third make the target answer 500 (/fail-marked). */
const bodies = [0, 1, 2, 3].map((i) => `{"TaskID":"bulk-${i}",${i % 2 === 0 ? '"x":"fail-me",' : ''}"Sign":"stored"}`);

describe('bulk re-send from the inbox', () => {
  it('previews the count and the first deliveries, oldest first, each linking to it, and follows arrivals', async () => {
    for (const body of bodies.slice(0, 3)) expect(await post(ui.served.receiver, body)).toBe(200);
    await ui.page.evaluate(() => (window.location.hash = '#/inbox'));
    await expect.poll(() => ui.page.locator('.inbox-row[data-id]').count()).toBe(3);
    await ui.page.getByRole('button', { name: /^Re-send .*…$/ }).click();
    const preview = ui.page.getByRole('region', { name: 'what will be sent' });
    await expect.poll(() => preview.innerText()).toMatch(/^Will send 3 deliveries, oldest first:/);

    // One more arrives while the bar is open: the bar and its preview say so (the inbox's own count).
    expect(await post(ui.served.receiver, bodies[3]!)).toBe(200);
    await expect.poll(() => ui.page.locator('.bulk-bar > span').first().innerText()).toMatch(/^Re-send 4 deliveries matching the filter/);
    await expect.poll(() => preview.innerText()).toMatch(/^Will send 4 deliveries, oldest first:/);
    expect(await preview.getByRole('link').allInnerTexts()).toEqual(['#1', '#2', '#3', '#4']);
    expect(await preview.getByRole('link').first().getAttribute('href')).toBe('#/delivery/1');
  }, 60_000);

  it('re-signs each delivery with the KEY under the retry policy; then lists the failed ones with why, linking to each', async () => {
    const bar = ui.page.locator('.bulk-bar');
    await bar.getByLabel('bulk target URL').fill(target.url('/fail-marked'));
    await bar.getByLabel('re-sign', { exact: true }).check();
    await bar.getByLabel('KEY').fill('bulk-key');
    await bar.getByText('retry anything but HTTP 200').click();
    const numbers = bar.locator('.resend-options').getByRole('spinbutton');
    await numbers.nth(1).fill('1'); // at most one retry
    await numbers.nth(2).fill('6000'); // every 60 s → 10 ms
    await bar.getByRole('button', { name: 'Send', exact: true }).click();
    await expect
      .poll(() => bar.locator('.bulk-progress').innerText(), { timeout: 15_000 })
      .toMatch(/4\/4 · 2 delivered · 2 failed \(200: 2, 500: 2\) · done/);

    // 2 delivered at once, 2 failed twice: every one re-signed.
    expect(target.received).toHaveLength(6);
    expect(target.received.every((r) => /"Sign":"[0-9a-f]{32}"/.test(r.body.toString()))).toBe(true);

    const failed = ui.page.getByRole('region', { name: 'failed items' });
    await expect.poll(() => failed.getByRole('listitem').count()).toBe(2);
    expect(await failed.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringMatching(/^#1\s+500\s+answered HTTP 500, not 200 · after 2 attempts$/),
      expect.stringMatching(/^#3\s+500\s+answered HTTP 500, not 200 · after 2 attempts$/),
    ]);
    await screenshot(ui.page, 'resend-bulk-options');
    await failed.getByRole('link', { name: '#3' }).click();
    await expect.poll(() => ui.page.evaluate(() => window.location.hash)).toBe('#/delivery/3');
    expect(ui.errors).toEqual([]);
  }, 60_000);
});
