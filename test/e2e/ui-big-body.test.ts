// Big bodies in the UI: an 8 MB delivery opens (formatting runs in a worker, CodeMirror draws only
// what is visible, the hex view pages to the last byte), its Text tab reaches and finds the end of a
// body on one line, and the re-send editor of a big body checks its JSON once typing pauses and sends
// exactly what was typed. How long these take is measured in bench/ui-big-body.bench.ts, not here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkJson } from '../../renderer/src/resend/json-check.js';
import { startTarget, type Target } from '../integration/support/target.js';
import { bigBody } from './support/big-body.js';
import { openUi, post, screenshot, serveAndBrowser } from './support/browser.js';

const env = serveAndBrowser();
const body = bigBody(8 * 1024 * 1024);
// Over the size checked at every keystroke and the line length that is wrapped; under the re-send limit.
const editable = bigBody(2_000_000);
let target: Target;

beforeAll(async () => {
  target = await startTarget();
  expect(await post(env.served.receiver, body)).toBe(200);
  expect(await post(env.served.receiver, editable)).toBe(200);
}, 60_000);
afterAll(async () => {
  await target?.close();
});

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

describe('the re-send editor of a big body on one line', () => {
  it("types into it, says it is not valid JSON once typing pauses, as ingest's parser does, and sends what was typed", async () => {
    const { page, errors } = await openUi(env.browser, env.served.ui);
    await page.evaluate(() => (window.location.hash = '#/delivery/2'));
    await page.getByRole('button', { name: 'Re-send…' }).click({ timeout: 60_000 });
    await page.getByLabel('target URL').fill(target.url('/typed'));
    const head = page.locator('.resend-body-head');
    await expect.poll(() => head.innerText(), { timeout: 60_000 }).toMatch(/^Body\s*valid JSON\s*as stored/);
    const editor = page.locator('.cm-content[aria-label="body to send"]');

    // `{x"TaskID":…`: the key's quote is missing.
    await editor.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('x');
    const broken = `{x${editable.slice(1)}`;
    const verdict = checkJson(broken);
    expect(verdict.ok).toBe(false);
    await expect
      .poll(() => head.locator('.badge').first().innerText(), { timeout: 30_000 })
      .toBe(`not valid JSON: ${!verdict.ok && verdict.error}`);

    // Into the TaskID value: valid again, and Send sends the text as typed.
    await page.keyboard.press('Backspace');
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.type('typed-');
    await expect.poll(() => head.innerText(), { timeout: 30_000 }).toMatch(/^Body\s*valid JSON\s*edited/);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await target.waitFor(1);
    expect(target.received[0]!.body.toString()).toBe(editable.replace('{"TaskID":"', '{"TaskID":"typed-'));
    expect(errors).toEqual([]);
  }, 120_000);
});
