// The vendor's own example reads as notes, not warnings: a grey badge, a Problems cell that is not
// yellow; and a big body's badges count every problem, not the thousand listed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bigBody } from './support/big-body.js';
import { post, screenshot, servedUi } from './support/browser.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
const ui = servedUi();

/** The computed background of an element, to tell the warning's yellow from the note's grey. */
const background = (selector: string) =>
  ui.page
    .locator(selector)
    .first()
    .evaluate((el) => getComputedStyle(el).backgroundColor);

describe('problem tiers in the UI', () => {
  it("shows the seed example's two findings as a grey note badge, with no warning in its Problems cell", async () => {
    expect(await post(ui.served.receiver, seed)).toBe(200);
    const cell = ui.page.locator('.inbox-row[data-id="1"] .c-problems');
    await expect.poll(() => cell.innerText()).toBe('2 note');
    expect(await cell.locator('.badge.warn').count()).toBe(0);
    // Grey, not the warning's yellow (#fff1d6).
    expect(await background('.inbox-row[data-id="1"] .c-problems .badge.note')).toBe('rgb(238, 240, 243)');
    await screenshot(ui.page, 'inbox-notes');

    await ui.page.evaluate(() => (window.location.hash = '#/delivery/1'));
    await ui.page.locator('.problems-list').waitFor();
    expect(await ui.page.locator('.screen-head .problems').innerText()).toBe('2 note');
    expect(await ui.page.locator('.side h2', { hasText: 'Problems' }).innerText()).toMatch(/^problems \(2\)$/i);
    const badges = await ui.page.locator('.problems-list .problem .badge').allInnerTexts();
    expect(badges).toEqual(['note', 'note']);
    expect(await ui.page.locator('.problems-list .problem').first().innerText()).toContain(
      "A note, not a warning: the vendor's own example",
    );
    await screenshot(ui.page, 'delivery-notes');
    expect(ui.errors).toEqual([]);
  }, 60_000);

  it('counts every problem of a body with more than the list keeps, and says how many are listed', async () => {
    const body = bigBody(1024 * 1024);
    const notes = (JSON.parse(body) as { Details: unknown[] }).Details.length * 2;
    expect(await post(ui.served.receiver, body)).toBe(200);
    await ui.page.evaluate(() => (window.location.hash = '#/inbox'));
    const cell = ui.page.locator('.inbox-row[data-id="2"] .c-problems');
    await expect.poll(() => cell.locator('.badge').allInnerTexts()).toEqual(['1 warn', `${notes.toLocaleString('en-US')} note`]);

    await ui.page.evaluate(() => (window.location.hash = '#/delivery/2'));
    await ui.page.locator('.problems-list').waitFor();
    expect(await ui.page.locator('.side h2', { hasText: 'Problems' }).innerText()).toMatch(
      new RegExp(`^problems \\(${(notes + 1).toLocaleString('en-US')} · 1,001 listed\\)$`, 'i'),
    );
    // The one warning is listed ahead of the notes.
    expect(await ui.page.locator('.problems-list .problem').first().innerText()).toMatch(/warning[\s\S]*unsafe-integer/);
    await screenshot(ui.page, 'delivery-notes-big');
    await ui.page.getByRole('button', { name: /^show all/ }).click();
    expect(await ui.page.locator('.problems-list .problem').last().innerText()).toContain(
      `${(notes - 1000).toLocaleString('en-US')} more notes not listed: the first 1,000 are shown`,
    );
    expect(ui.errors).toEqual([]);
  }, 60_000);
});
