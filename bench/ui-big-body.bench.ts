// Benchmark (npm run bench): big bodies in the UI, in Chromium against the built `serve`.
// - Opening: a click on the inbox row → the JSON view drawn, for an 8 MB compact call-end and, as the
//   baseline in the same run, the 2 KB seed example (median of rounds, after one unmeasured open each).
// - The Text tab of an 8 MB body and of one just under the body limit: the longest frame from the click
//   on the tab through scrolling it to the middle and the end.
// - The re-send editor holding the 8 MB body: each keystroke's time from its keydown to the first
//   frame drawn with the work done, typing inside a string value (so the body stays valid JSON).
// Frame times come from inside the page (bench/frames.ts). Nothing here is asserted about time.
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BODY_LIMIT } from '../main/core/app.js';
import { bigBody } from '../test/e2e/support/big-body.js';
import { openUi, post, serveAndBrowser } from '../test/e2e/support/browser.js';
import { frameWhen, lastKeyAt, lastPressAt, longestFrameSince, now, recordFrames, settledAfter, type Longest } from './frames.js';
import { report } from './targets.js';

const seed = readFileSync(new URL('../test/fixtures/seed-example.json', import.meta.url), 'utf8');
const ROUNDS = 3;
const JSON_VIEW = '.cm-content[aria-label="body as JSON"] .cm-line';
const TEXT_VIEW = '.cm-content[aria-label="body text"]';
const EDITOR = '.cm-content[aria-label="body to send"]';

/** The largest body of whole calls that the receiver stores whole at its default limit. */
function bodyAtLimit(): string {
  for (let bytes = DEFAULT_BODY_LIMIT - 16 * 1024; ; bytes -= 16 * 1024) {
    const body = bigBody(bytes);
    if (Buffer.byteLength(body) <= DEFAULT_BODY_LIMIT) return body;
  }
}

const bodies = [
  { id: 1, text: seed, name: 'seed example' },
  // 8,000,000 bytes: the re-send editor takes bodies up to 8 MiB (MAX_RESIGN_BYTES), and 8 MiB of
  // whole calls would be just over it.
  { id: 2, text: bigBody(8_000_000), name: '8 MB call-end' },
  { id: 3, text: bodyAtLimit(), name: 'call-end at the body limit' },
];
const size = (id: number) => {
  const bytes = Buffer.byteLength(bodies[id - 1]!.text);
  return bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} KB` : `${(bytes / 1e6).toFixed(1)} MB`;
};

const env = serveAndBrowser();
beforeAll(async () => {
  for (const b of bodies) expect(await post(env.served.receiver, b.text)).toBe(200);
}, 60_000);

/** Each measurement on a page of its own, so that one that leaves the page frozen spoils no other. */
let page: Page;
beforeEach(async () => {
  ({ page } = await openUi(env.browser, env.served.ui));
  await page.locator(`.inbox-row[data-id="${bodies.length}"]`).waitFor({ timeout: 120_000 });
  await recordFrames(page);
}, 180_000);
afterEach(() => page.close());

const idle = async () => settledAfter(page, await now(page), 300_000);
const go = async (hash: string) => {
  await page.evaluate((h) => (window.location.hash = h), hash);
};
const ms = (x: number) => `${Math.round(x)} ms`;
const frames = (l: Longest) =>
  `longest frame gap ${ms(l.gap)}${l.loaf > 0 ? `, longest animation frame ${ms(l.loaf)} (in scripts ${ms(l.loafScripts)}, in style and layout ${ms(l.loafLayout)})` : ''}`;

/** A click on the delivery's inbox row → the first frame that draws its JSON view. */
async function openByClick(id: number): Promise<{ ms: number } & Longest> {
  await go('#/inbox');
  const row = page.locator(`.inbox-row[data-id="${id}"]`);
  await row.waitFor();
  await idle();
  const shown = frameWhen(page, JSON_VIEW, '"TaskID"');
  await row.click();
  const drawn = await shown;
  const pressed = await lastPressAt(page);
  return { ms: drawn - pressed, ...(await longestFrameSince(page, pressed)) };
}

describe('big bodies in the UI', () => {
  it('opens the seed example and an 8 MB body from the inbox', async () => {
    await openByClick(1);
    await openByClick(2);
    const runs: Record<number, Array<{ ms: number } & Longest>> = { 1: [], 2: [] };
    for (let round = 0; round < ROUNDS; round++) for (const id of round % 2 ? [2, 1] : [1, 2]) runs[id]!.push(await openByClick(id));
    const median = (id: number) => [...runs[id]!].sort((a, b) => a.ms - b.ms)[Math.floor(ROUNDS / 2)]!;
    console.table(
      [1, 2].map((id) => ({
        body: `${bodies[id - 1]!.name}, ${size(id)}`,
        'click → JSON drawn, ms': runs[id]!.map((r) => Math.round(r.ms)).join(', '),
        'longest frame gap ms': runs[id]!.map((r) => Math.round(r.gap)).join(', '),
      })),
    );
    const small = median(1);
    const big = median(2);
    const ratio = big.ms / small.ms;
    report(
      'open',
      `${ms(big.ms)}, ${ratio.toFixed(1)}× the seed example's ${ms(small.ms)} (median of ${ROUNDS}; ${frames(big)})`,
      big.ms <= 1000 && ratio <= 1.5,
    );
  }, 300_000);

  it('shows the Text tab of an 8 MB body and of one at the body limit', async () => {
    for (const id of [2, 3]) {
      await go(`#/delivery/${id}`);
      await page.locator(JSON_VIEW, { hasText: '"TaskID"' }).waitFor({ timeout: 300_000 });
      await idle();
      const shown = frameWhen(page, `${TEXT_VIEW} .cm-line`, '"TaskID"', 300_000);
      await page.getByRole('tab', { name: 'Text' }).click({ timeout: 300_000 });
      const drawn = await shown;
      const pressed = await lastPressAt(page);
      // Through the text as a reader would: to its middle, then its end.
      for (const at of [0.5, 1]) {
        await page.locator(TEXT_VIEW).evaluate((el, at) => {
          const scroller = el.closest('.cm-scroller')!;
          scroller.scrollTop = at * (scroller.scrollHeight - scroller.clientHeight);
        }, at);
        await settledAfter(page, await now(page), 300_000);
      }
      const longest = await longestFrameSince(page, pressed);
      report(
        'textTab',
        `${bodies[id - 1]!.name} (${size(id)}): ${frames(longest)}, click → text drawn ${ms(drawn - pressed)}, then scrolled to the middle and the end`,
        longest.gap <= 100,
      );
      await go('#/inbox');
    }
  }, 600_000);

  it('types into the re-send editor holding an 8 MB body', async () => {
    await go('#/delivery/2');
    await page.locator(JSON_VIEW, { hasText: '"TaskID"' }).waitFor({ timeout: 120_000 });
    await idle();
    const opened = await now(page);
    await page.getByRole('button', { name: 'Re-send…' }).click();
    const editor = page.locator(EDITOR);
    await editor.waitFor({ timeout: 120_000 });
    const editorAt = await idle();
    await editor.click();
    // Into the TaskID value: `{"TaskID":"` is 11 characters, and letters there keep the body valid JSON.
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 11; i++) await page.keyboard.press('ArrowRight');
    await idle();
    const typed = 'qwertyuiop';
    const perKey: number[] = [];
    const first = await now(page);
    for (const key of typed) {
      await page.keyboard.press(key);
      const down = await lastKeyAt(page);
      perKey.push((await settledAfter(page, down)) - down);
      await page.waitForTimeout(100);
    }
    const longest = await longestFrameSince(page, first);
    // The keys went where meant: the editor's document starts with them inside the TaskID.
    expect(
      await page
        .locator(`${EDITOR} .cm-line`)
        .first()
        .evaluate((l) => l.textContent?.slice(0, 40)),
    ).toContain(`"TaskID":"${typed}`);
    const sorted = [...perKey].sort((a, b) => a - b);
    console.log(`re-send editor, 8 MB: opened in ${ms(editorAt - opened)}; per keystroke ${perKey.map(Math.round).join(', ')} ms`);
    report(
      'typing',
      `p50 ${ms(sorted[Math.floor(sorted.length / 2)]!)}, max ${ms(sorted.at(-1)!)} per keystroke over ${typed.length} (keydown → first frame drawn with the work done; ${frames(longest)} while typing)`,
      sorted.at(-1)! <= 50,
    );
  }, 300_000);
});
