// A burst in the UI: while the core has stored deliveries it has not read yet (it reads them once a
// burst eases), the inbox says how many, instead of looking frozen; the note goes once all are read.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openUi, screenshot, serveAndBrowser } from './support/browser.js';

const client = new URL('../reliability/load-client.mjs', import.meta.url).pathname;
const COUNT = 1_500;

const env = serveAndBrowser();

describe('inbox during a burst', () => {
  it('shows how many deliveries are stored and not yet read, and drops the note once they are', async () => {
    const { page, errors } = await openUi(env.browser, env.served.ui);
    await page.locator('.inbox').waitFor();
    const load = spawn(process.execPath, [client, env.served.receiver, String(COUNT), '1500'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acked = 0;
    load.stdout!.on(
      'data',
      (chunk: Buffer) =>
        (acked += chunk
          .toString()
          .split('\n')
          .filter((l) => l.startsWith('ack ')).length),
    );
    const finished = new Promise((resolve) => load.once('exit', resolve));

    const note = page.locator('.backlog-bar');
    await note.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await note.textContent()).toMatch(/^[\d,]+ deliver(y|ies) stored and still being read/);
    await screenshot(page, 'inbox-backlog');
    await finished;
    expect(acked).toBe(COUNT);
    await note.waitFor({ state: 'hidden', timeout: 60_000 });
    // Whether announced or refetched after a resync, the newest delivery heads the list.
    const ui = new URL(env.served.ui);
    const answer = await fetch(new URL('api/listDeliveries', ui.origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${decodeURIComponent(ui.hash.replace('#token=', ''))}` },
      body: JSON.stringify({ limit: 1 }),
    });
    const newest = ((await answer.json()) as { result: { items: Array<{ id: number }> } }).result.items[0]!.id;
    await expect.poll(() => page.locator('.inbox-row[data-id]').first().getAttribute('data-id'), { timeout: 10_000 }).toBe(String(newest));
    // Scrolled to its end, the list holds every delivery, with no hole left where events were skipped:
    // its rows (fixed height, no id twice) fill the height of all of them.
    const scroll = page.locator('.inbox-scroll');
    await expect
      .poll(
        () =>
          scroll.evaluate((el) => {
            el.scrollTo(0, el.scrollHeight);
            const rowHeight = el.querySelector<HTMLElement>('.inbox-row[data-id]')!.offsetHeight;
            return (el.firstElementChild as HTMLElement).offsetHeight / rowHeight;
          }),
        { timeout: 30_000 },
      )
      .toBe(COUNT);
    // The exact total, recounted once the last arrivals were announced.
    await expect
      .poll(() => page.locator('.toolbar .count').textContent(), { timeout: 10_000 })
      .toBe(`${COUNT.toLocaleString('en')} deliveries`);
    // The tab reads the catch-up's announcements more slowly than two busy cores produce them (the
    // stream then skips them and sends `resync`), yet the stream is never cut: no reconnect, no error.
    expect(errors).toEqual([]);
  }, 120_000);
});
