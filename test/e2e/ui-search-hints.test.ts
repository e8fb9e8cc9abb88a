// The search box helps with its language: it offers field names and values as you type (keyboard
// only here), says under the toolbar when a word names no field, and a callee number finds both of
// its spellings.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { post, screenshot, servedUi } from './support/browser.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
const ui = servedUi();

describe('search box hints', () => {
  it('completes a field name from the keyboard, and the number finds both spellings', async () => {
    const { page, errors } = ui;
    expect(await post(ui.served.receiver, seed)).toBe(200);
    expect(await post(ui.served.receiver, seed.replaceAll('"+6212345678"', '"6212345678"'))).toBe(200);
    expect(await post(ui.served.receiver, '{"other":"json"}')).toBe(200);
    const rows = page.locator('.inbox-row[data-id]');
    await expect.poll(() => rows.count()).toBe(3);

    const box = page.getByRole('combobox', { name: 'search deliveries' });
    await page.keyboard.press('/');
    await page.keyboard.type('Cal');
    const options = page.getByRole('listbox', { name: 'search fields' }).getByRole('option');
    await expect
      .poll(() => options.allInnerTexts())
      .toEqual([expect.stringMatching(/^CallID:/), expect.stringMatching(/^CalleeNumber:/), expect.stringMatching(/^calls:/)]);
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    await screenshot(page, 'search-completion');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('[role=option][aria-selected=true]').innerText()).toMatch(/^CalleeNumber:/);
    expect(await box.getAttribute('aria-activedescendant')).toBe(
      await page.locator('[role=option][aria-selected=true]').getAttribute('id'),
    );
    await page.keyboard.press('Enter');
    expect(await box.inputValue()).toBe('CalleeNumber:');
    await page.keyboard.type('6212345678');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Enter');
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => page.locator('.toolbar .count').textContent(), { timeout: 10_000 }).toBe('2 deliveries');
    expect(await page.locator('.search-hints li').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);

  it('offers the values of a field and closes the offer with Esc, a second Esc going back to the list', async () => {
    const { page } = ui;
    const box = page.getByRole('combobox', { name: 'search deliveries' });
    await box.fill('');
    await box.focus();
    await page.keyboard.type('has:');
    const options = page.getByRole('listbox', { name: 'search fields' }).getByRole('option');
    await expect.poll(() => options.allInnerTexts()).toEqual(['has:errors', 'has:warnings', 'has:notes', 'has:none']);
    await page.keyboard.press('Escape');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('search deliveries');
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).not.toBe('search deliveries');
  });

  it('says under the toolbar which word names no field, and the field it was closest to', async () => {
    const { page, errors } = ui;
    const box = page.getByRole('combobox', { name: 'search deliveries' });
    await box.fill('CalleNumber:6212345678');
    const hints = page.getByRole('status', { name: 'search hints' });
    await expect.poll(() => hints.innerText()).toBe('unknown field CalleNumber: did you mean CalleeNumber?');
    await expect.poll(() => page.locator('.inbox-row[data-id]').count()).toBe(0);
    await screenshot(page, 'search-unknown-field');
    await box.fill('CalleeNumber:6212345678 kind:xml');
    await expect.poll(() => hints.innerText()).toMatch(/^kind:xml: .*\(searched as text\)$/);
    await box.fill('TaskName:Task-001');
    await expect.poll(() => hints.locator('li').count()).toBe(0);
    await expect.poll(() => page.locator('.inbox-row[data-id]').count()).toBe(2);
    expect(errors).toEqual([]);
  });
});
