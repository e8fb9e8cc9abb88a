// Big bodies in the UI: an 8 MB delivery opens (formatting runs in a worker, CodeMirror draws only
// what is visible, the hex view pages to the last byte), and its Text tab reaches and finds the end of
// a body on one line. How long these take is measured in bench/ui-big-body.bench.ts, not here.
import { beforeAll, describe, expect, it } from 'vitest';
import { bigBody } from './support/big-body.js';
import { openUi, post, screenshot, serveAndBrowser } from './support/browser.js';

const env = serveAndBrowser();
const body = bigBody(8 * 1024 * 1024);

beforeAll(async () => {
  expect(await post(env.served.receiver, body)).toBe(200);
}, 60_000);

describe('an 8 MB delivery', () => {
  it('opens with the JSON view keeping the last big id exact, and the hex view reaches the last byte', async () => {
    const { page, errors } = await openUi(env.browser, env.served.ui);
    await page.locator('.inbox-row[data-id="1"]').waitFor();

    await page.evaluate(() => (window.location.hash = '#/delivery/1'));
    await page.locator('.cm-content').waitFor({ timeout: 60_000 });
    await page.locator('.cm-line', { hasText: '"TaskID"' }).waitFor();
    // Its first lines show while the rest is formatted; the end is there once the note has gone.
    await page.locator('.formatting-note').waitFor({ state: 'detached', timeout: 60_000 });

    // The last call's id keeps its digits: search CodeMirror's document for it via the end of the view.
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await expect.poll(() => page.locator('.cm-content').innerText(), { timeout: 60_000 }).toContain('98765432109876543210');
    await screenshot(page, 'delivery-8mb');

    await page.getByRole('tab', { name: 'Hex' }).click();
    await page.getByRole('button', { name: '⇥' }).click();
    expect(await page.locator('.hex-bar').innerText()).toContain(`of ${Buffer.byteLength(body)}`);
    expect(await page.locator('.hex-rows div').last().innerText()).toMatch(/7d\s+.*}$/);

    expect(errors).toEqual([]);
  }, 120_000);

  it('shows its Text, one line of 8 MB, to the end, and finds text near the end', async () => {
    const { page, errors } = await openUi(env.browser, env.served.ui);
    await page.evaluate(() => (window.location.hash = '#/delivery/1'));
    await page.getByRole('tab', { name: 'Text' }).click({ timeout: 60_000 });
    const text = page.locator('.cm-content[aria-label="body text"]');
    await text.locator('.cm-line', { hasText: '{"TaskID"' }).waitFor({ timeout: 60_000 });

    await text.click();
    await page.keyboard.press('Control+End');
    await expect.poll(() => text.innerText(), { timeout: 60_000 }).toContain(body.slice(-60));
    await screenshot(page, 'delivery-8mb-text');

    await page.keyboard.press('Control+Home');
    await expect.poll(() => text.innerText()).not.toContain(body.slice(-60));
    await page.keyboard.press('Control+f');
    // Typed, as a user does: the search panel commits its query on key events, which fill() does not send.
    await page.keyboard.type('98765432109876543210');
    await page.keyboard.press('Enter');
    const found = text.locator('.cm-searchMatch-selected');
    await expect.poll(() => found.innerText(), { timeout: 60_000 }).toBe('98765432109876543210');
    expect(errors).toEqual([]);
  }, 120_000);
});
