// Inbox rows that can be told apart: the first call's callee and CallID as columns, a column choice
// that survives a reload, and the exact number of deliveries matching the filter, kept current live.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { post, screenshot, servedUi } from './support/browser.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
const callIdOf = (i: number) => i.toString(16).padStart(32, '0');
const calleeOf = (i: number) => `+62${String(80_000_000 + i)}`;
const bodyOf = (i: number) => seed.replaceAll('+6212345678', calleeOf(i)).replace('6dbf57adc3ecf4f4bfd5efe85ccad659', callIdOf(i));

const ui = servedUi();
/** The total is recounted at most once a second while deliveries arrive. */
const RECOUNTED = { timeout: 10_000 };

/** Delivers bodies 0…n-1 to /hooks/<odd|even>/, a few at a time. */
async function deliver(from: number, to: number, endpoint?: string) {
  for (let i = from; i < to; i += 25) {
    const batch = Array.from({ length: Math.min(25, to - i) }, (_, k) => i + k);
    const answers = await Promise.all(
      batch.map((n) => post(`${ui.served.receiver}hooks/${endpoint ?? (n % 2 ? 'odd' : 'even')}/`, bodyOf(n))),
    );
    expect(answers.every((s) => s === 200)).toBe(true);
  }
}

describe('inbox columns and total', () => {
  it('shows the exact total past the loaded pages, formatted, and keeps it current as deliveries arrive', async () => {
    const { page, errors } = ui;
    const count = page.locator('.toolbar .count');
    await deliver(0, 1_030);
    // Only the first page (200 rows) is loaded: the total is still every one of them.
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).toBe('1,030 deliveries');

    await page.locator('.inbox select[aria-label="endpoint"]').selectOption('odd');
    await expect.poll(() => count.textContent(), RECOUNTED).toBe('515 deliveries');
    await deliver(2_000, 2_003, 'odd');
    await deliver(3_000, 3_002, 'even');
    await expect.poll(() => count.textContent(), RECOUNTED).toBe('518 deliveries');

    // A filter only the core can evaluate (a call's CallID) is counted there too.
    await page.locator('.inbox select[aria-label="endpoint"]').selectOption('');
    await page.locator('input.search').fill(`CallID:${callIdOf(2_001)}`);
    await expect.poll(() => count.textContent(), RECOUNTED).toBe('1 delivery');
    await page.locator('input.search').fill('');
    await expect.poll(() => count.textContent(), RECOUNTED).toBe('1,035 deliveries');
    expect(errors).toEqual([]);
  }, 90_000);

  it("shows each row's first callee and CallID, and keeps the columns the user hides across a reload", async () => {
    const { page, errors } = ui;
    const newest = page.locator('.inbox-row[data-id]').first();
    // The last two were sent at once: either may have arrived last. Its row shows its own callee and CallID.
    const last = [3_000, 3_001];
    await expect.poll(() => newest.locator('.c-callee').textContent()).toBeOneOf(last.map(calleeOf));
    const callee = await newest.locator('.c-callee').textContent();
    const n = last.find((i) => calleeOf(i) === callee)!;
    expect(await newest.locator('.c-callid').textContent()).toBe(callIdOf(n));
    expect(await page.locator('.inbox-header .c-callee').textContent()).toBe('callee');
    await screenshot(page, 'inbox-columns');

    await page.getByText('Columns', { exact: true }).click();
    await page.getByRole('checkbox', { name: 'CallID' }).uncheck();
    await page.getByRole('checkbox', { name: 'endpoint' }).uncheck();
    expect(await page.locator('.inbox-row .c-callid, .inbox-row .c-endpoint').count()).toBe(0);
    await screenshot(page, 'inbox-columns-chooser');

    await page.reload();
    await newest.waitFor();
    expect(await page.locator('.inbox-row .c-callid, .inbox-row .c-endpoint').count()).toBe(0);
    expect(await newest.locator('.c-callee').textContent()).toBe(calleeOf(n));
    await page.getByText('Columns', { exact: true }).click();
    await page.getByRole('checkbox', { name: 'CallID' }).check();
    expect(await newest.locator('.c-callid').textContent()).toBe(callIdOf(n));
    expect(errors).toEqual([]);
  }, 60_000);
});
