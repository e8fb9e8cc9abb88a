// The inbox as tall as its total (issue 18: "drag the scrollbar to the bottom"): any position of the
// scrollbar shows the rows at that position, fetched for the view; a filtered inbox's bottom is its
// last match; deliveries arriving while the list is scrolled down go in on top without moving the
// rows in view, and show at the top.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCallbacks } from '../../main/core/generate/call-end.js';
import { tempDir } from '../integration/support/core.js';
import { exportLine } from '../integration/support/export-line.js';
import { launchChromium, openUi, post, screenshot, startServe, type Served } from './support/browser.js';
import { runCli } from './support/cli.js';

const N = 3000;
const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
/** Every seventh delivery arrived at endpoint `qa`. */
const atQa = (id: number) => id % 7 === 0;
const dir = tempDir('ci-ui-position-');
let served: Served;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  // Imported, not posted: thousands in a few seconds; ids 1..N, 1 is the oldest.
  const lines = [...generateCallbacks({ calls: N, redials: 1, seed: 'position', scheme: { type: 'md5-template' } })].map((g, i) =>
    exportLine(i + 1, g.body, Date.UTC(2024, 4, 22, 3, 0, 0) + i * 1000, atQa(i + 1) ? { endpoint: 'qa', path: '/hooks/qa/' } : {}),
  );
  const file = join(dir.path, 'many.ndjson');
  writeFileSync(file, lines.join('\n'));
  const data = join(dir.path, 'data');
  expect((await runCli('import', '--data', data, file)).stderr).toBe(`imported ${N}, skipped 0 already present, 0 errors\n`);
  served = await startServe(data);
  browser = await launchChromium();
  ({ page, errors } = await openUi(browser, served.ui));
  await page.locator('.inbox-row[data-id]').first().waitFor();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await served?.stop();
  dir.remove();
});

const count = () => page.locator('.toolbar .count').textContent();
/** Scrolls the list as a drag of its scrollbar's thumb does. */
const scrollTo = (top: number | 'bottom') =>
  page.locator('.inbox-scroll').evaluate((el, top) => (el.scrollTop = top === 'bottom' ? el.scrollHeight : top), top);
/** The rows drawn with their data, top to bottom, each with its top relative to the view (px). */
const rowsInView = () =>
  page.locator('.inbox-scroll').evaluate((el) => {
    const view = el.getBoundingClientRect();
    return Array.from(el.querySelectorAll<HTMLElement>('.inbox-row[data-id]'))
      .map((r) => ({ id: Number(r.dataset.id), top: Math.round(r.getBoundingClientRect().top - view.top), text: r.textContent ?? '' }))
      .filter((r) => r.top > -28 && r.top < view.height && r.text !== '')
      .sort((a, b) => a.top - b.top);
  });
const firstInView = async () => (await rowsInView()).find((r) => r.top >= 0)?.id;
const lastInView = async () => (await rowsInView()).at(-1)?.id;

describe(`the inbox over ${N.toLocaleString('en')} deliveries`, () => {
  it('is as tall as all of them, and shows the oldest at the bottom of its scrollbar', async () => {
    await expect.poll(count).toBe(`${N.toLocaleString('en')} deliveries`);
    const rowHeight = await page
      .locator('.inbox-row[data-id]')
      .first()
      .evaluate((r) => (r as HTMLElement).offsetHeight);
    expect(await page.locator('.inbox-scroll').evaluate((el) => (el.firstElementChild as HTMLElement).offsetHeight)).toBe(N * rowHeight);
    await scrollTo('bottom');
    await expect.poll(lastInView, { timeout: 10_000 }).toBe(1);
    await screenshot(page, 'inbox-bottom');
  }, 60_000);

  it('shows the rows at the position scrolled to', async () => {
    // Position 1,234 (0: the newest) is delivery N − 1,234.
    await scrollTo(1234 * 28);
    await expect.poll(firstInView, { timeout: 10_000 }).toBe(N - 1234);
    const ids = (await rowsInView()).filter((r) => r.top >= 0).map((r) => r.id);
    expect(ids).toEqual(ids.map((_, i) => N - 1234 - i));
  }, 60_000);

  it('is not scrolled back by a render already on its way when the scroll came (the list resized meanwhile)', async () => {
    // The list's own observer hears of the resize first and has it drawn in a task of its own; the
    // scroll comes before that task runs, as a drag does while a note above the list comes or goes.
    await page.locator('.inbox-scroll').evaluate(
      (el, top) =>
        new Promise<void>((resolve) => {
          const observer = new ResizeObserver(() => {
            observer.disconnect();
            el.scrollTop = top;
            resolve();
          });
          observer.observe(el);
          (el.parentElement as HTMLElement).style.maxHeight = '400px';
        }),
      2000 * 28,
    );
    await expect.poll(firstInView, { timeout: 10_000 }).toBe(N - 2000);
    await page.locator('.inbox-list').evaluate((el) => ((el as HTMLElement).style.maxHeight = ''));
    await expect.poll(firstInView, { timeout: 10_000 }).toBe(N - 2000);
  }, 60_000);

  it('moves with the keyboard from a row in the middle, opens it, and comes back to where it was', async () => {
    await page.locator(`.inbox-row[data-id="${N - 2005}"]`).dispatchEvent('mousedown');
    await page.locator('.inbox-row.selected').waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    expect(await page.locator('.inbox-row.selected').getAttribute('data-id')).toBe(String(N - 2006));
    // Opened and back: the inbox was kept, scrolled where it was.
    const before = await rowsInView();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`#/delivery/${N - 2006}$`));
    await page.getByRole('link', { name: 'Inbox' }).click();
    await expect.poll(rowsInView, { timeout: 10_000 }).toEqual(before);
  }, 60_000);

  it('keeps the rows in view where they are while deliveries arrive, and shows them at the top', async () => {
    await scrollTo(1500 * 28);
    await expect.poll(firstInView, { timeout: 10_000 }).toBe(N - 1500);
    const before = await rowsInView();
    for (let i = 0; i < 3; i++)
      expect(await post(served.receiver, seed.replace('6dbf57adc3ecf4f4bfd5efe85ccad659', `arrival-${i}`))).toBe(200);
    await expect.poll(count, { timeout: 10_000 }).toBe(`${(N + 3).toLocaleString('en')} deliveries`);
    // The note of deliveries still being read takes room above the list while it shows.
    await page.locator('.backlog-bar').waitFor({ state: 'hidden' });
    expect(await rowsInView()).toEqual(before);
    // Once recounted (at most a second after the arrivals), the rows are three positions further down, and the view with them.
    await page.waitForTimeout(1500);
    expect(await rowsInView()).toEqual(before);
    await scrollTo(0);
    await expect.poll(firstInView, { timeout: 10_000 }).toBe(N + 3);
    expect((await rowsInView()).slice(0, 4).map((r) => r.id)).toEqual([N + 3, N + 2, N + 1, N]);
  }, 60_000);

  it('shows its last match at the bottom of a filtered inbox', async () => {
    await page.locator('.inbox select[aria-label="endpoint"]').selectOption('qa');
    const matches = Math.floor(N / 7);
    await expect.poll(count, { timeout: 10_000 }).toBe(`${matches.toLocaleString('en')} deliveries`);
    await scrollTo('bottom');
    await expect.poll(lastInView, { timeout: 10_000 }).toBe(7);
    const ids = (await rowsInView()).map((r) => r.id);
    expect(ids.every(atQa)).toBe(true);
    expect(ids.at(-2)).toBe(14);
    // Its middle: match 200 (0: the newest) is the 200th multiple of 7 below N.
    await scrollTo(200 * 28);
    await expect.poll(firstInView, { timeout: 10_000 }).toBe((matches - 200) * 7);
    await page.locator('.inbox select[aria-label="endpoint"]').selectOption('');
    await expect.poll(count, { timeout: 10_000 }).toBe(`${(N + 3).toLocaleString('en')} deliveries`);
    expect(errors).toEqual([]);
  }, 60_000);
});
