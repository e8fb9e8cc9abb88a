// A body with a duplicate key, as a vendor may send it, in Chromium against `serve`: ingest accepts it
// with a warning, so the body view formats it with the duplicate noted (the same parser reads it on
// both sides) and the re-send form takes it as valid and sends it byte for byte.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type Target } from '../integration/support/target.js';
import { post, servedUi } from './support/browser.js';

const seedText = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
/** The seed example with its TaskID sent twice; the second one is the seed's own. */
const body = seedText.replace('{\n  "TaskID"', '{\n  "TaskID": "first-of-two",\n  "TaskID"');

const ui = servedUi();
let target: Target;

beforeAll(async () => {
  target = await startTarget();
});

afterAll(async () => {
  await target?.close();
});

describe('a body with a duplicate key', () => {
  it('is shown as formatted JSON with the duplicate noted, as ingest reports it', async () => {
    expect(body).toContain('"first-of-two"');
    expect(await post(ui.served.receiver, body)).toBe(200);
    await ui.page.evaluate(() => (window.location.hash = '#/delivery/1'));
    await ui.page.locator('.body-viewer .cm-content, .body-viewer .error-bar').first().waitFor();
    expect(await ui.page.locator('.body-viewer').innerText()).not.toMatch(/Not valid JSON/);
    await expect
      .poll(() => ui.page.locator('.body-viewer .cm-content').innerText())
      .toContain('"TaskID": "502380771007633e8d8b859ebf76970a"');
    expect(await ui.page.locator('.json-notes').innerText()).toMatch(
      /TaskID\s+Key "TaskID" appears more than once in this object; the last value is used/,
    );
    // Ingest's own warning, in the problems list, names the same key.
    expect(await ui.page.locator('.problem', { hasText: 'duplicate' }).first().innerText()).toMatch(/TaskID/);
  }, 60_000);

  it('is valid JSON to the re-send form, which sends it exactly as stored', async () => {
    await ui.page.getByRole('button', { name: 'Re-send…' }).click();
    const head = ui.page.locator('.resend-body-head');
    await expect.poll(() => head.innerText()).toMatch(/valid JSON\s*1 duplicate key[\s\S]*as stored/);
    expect(await head.innerText()).not.toMatch(/not valid JSON/);
    await ui.page.getByLabel('target URL').fill(target.url('/ok'));
    const send = ui.page.getByRole('button', { name: 'Send', exact: true });
    expect(await send.isEnabled()).toBe(true);
    await send.click();
    await expect.poll(() => target.received.length, { timeout: 10_000 }).toBe(1);
    expect(target.received[0]!.body.toString()).toBe(body);
    expect(ui.errors).toEqual([]);
  }, 60_000);
});
