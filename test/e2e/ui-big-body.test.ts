// An 8 MB delivery opens: formatting runs in a worker, CodeMirror draws only what is visible, the hex
// view pages to the last byte. How long it takes is measured in bench/ui-open.bench.ts, not here.
import { describe, expect, it } from 'vitest';
import { bigBody } from './support/big-body.js';
import { openUi, post, screenshot, serveAndBrowser } from './support/browser.js';

const env = serveAndBrowser();

describe('an 8 MB delivery', () => {
  it('opens with the JSON view keeping the last big id exact, and the hex view reaches the last byte', async () => {
    const body = bigBody(8 * 1024 * 1024);
    expect(await post(env.served.receiver, body)).toBe(200);
    const { page, errors } = await openUi(env.browser, env.served.ui);
    await page.locator('.inbox-row[data-id="1"]').waitFor();

    await page.evaluate(() => (window.location.hash = '#/delivery/1'));
    await page.locator('.cm-content').waitFor({ timeout: 60_000 });
    await page.locator('.cm-line', { hasText: '"TaskID"' }).waitFor();

    // The last call's id keeps its digits: search CodeMirror's document for it via the end of the view.
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await expect.poll(() => page.locator('.cm-content').innerText()).toContain('98765432109876543210');
    await screenshot(page, 'delivery-8mb');

    await page.getByRole('tab', { name: 'Hex' }).click();
    await page.getByRole('button', { name: '⇥' }).click();
    expect(await page.locator('.hex-bar').innerText()).toContain(`of ${Buffer.byteLength(body)}`);
    expect(await page.locator('.hex-rows div').last().innerText()).toMatch(/7d\s+.*}$/);

    expect(errors).toEqual([]);
  }, 120_000);
});
