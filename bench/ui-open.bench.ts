// Benchmark (npm run bench): how long an 8 MB delivery takes to open in the UI, and the longest gap
// between animation frames meanwhile (a frozen window draws none). Baseline in the same run: opening
// the seed example (2 KB), so the figure is a ratio as well as milliseconds on this machine.
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bigBody } from '../test/e2e/support/big-body.js';
import { launchChromium, openUi, post, startServe } from '../test/e2e/support/browser.js';

const seed = readFileSync(new URL('../test/fixtures/seed-example.json', import.meta.url), 'utf8');

async function open(page: Page, id: number): Promise<{ ms: number; longestGap: number }> {
  await page.evaluate(() => {
    const w = window as unknown as { __gaps: number[] };
    w.__gaps = [];
    let last = performance.now();
    const tick = (t: number) => {
      w.__gaps.push(t - last);
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const started = Date.now();
  await page.evaluate((n) => (window.location.hash = `#/delivery/${n}`), id);
  await page.locator('.cm-line', { hasText: '"TaskID"' }).waitFor({ timeout: 120_000 });
  const ms = Date.now() - started;
  const gaps = await page.evaluate(() => (window as unknown as { __gaps: number[] }).__gaps);
  await page.evaluate(() => (window.location.hash = '#/inbox'));
  return { ms, longestGap: Math.max(...gaps) };
}

describe('opening a delivery', () => {
  it('measures the seed example and an 8 MB delivery', async () => {
    const served = await startServe();
    const browser = await launchChromium();
    try {
      expect(await post(served.receiver, seed)).toBe(200);
      expect(await post(served.receiver, bigBody(8 * 1024 * 1024))).toBe(200);
      const { page } = await openUi(browser, served.ui);
      await page.locator('.inbox-row[data-id="2"]').waitFor();
      const small = await open(page, 1);
      const big = await open(page, 2);
      console.table([
        { body: 'seed example (2 KB)', 'open ms': small.ms, 'longest frame gap ms': Math.round(small.longestGap) },
        { body: '8 MB call-end', 'open ms': big.ms, 'longest frame gap ms': Math.round(big.longestGap) },
      ]);
      console.log(`8 MB open: ${(big.ms / Math.max(1, small.ms)).toFixed(1)}× the seed example's time`);
    } finally {
      await browser.close();
      await served.stop();
    }
  }, 300_000);
});
