// The inbox's exports and bulk re-send on more deliveries than one page (issue 16, item 4): NDJSON and
// HAR hold every delivery the filter selects (they held the first 1,000 and said nothing), and bulk
// re-send says exactly how many it sends and sends that many (it said "200+").
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCallbacks } from '../../main/core/generate/call-end.js';
import { tempDir } from '../integration/support/core.js';
import { startTarget, type Target } from '../integration/support/target.js';
import { launchChromium, openUi, startServe, type Served } from './support/browser.js';
import { runCli } from './support/cli.js';
import { exportLine } from '../integration/support/export-line.js';

const N = 1500;
const dir = tempDir('ci-ui-all-');
let served: Served;
let browser: Browser;
let page: Page;
let errors: string[];
let target: Target;

beforeAll(async () => {
  // Imported, not posted: 1,500 deliveries in a few seconds.
  const lines = [...generateCallbacks({ calls: N, redials: 1, seed: 'all', scheme: { type: 'md5-template' } })].map((g, i) =>
    exportLine(i + 1, g.body, Date.UTC(2024, 4, 22, 3, 0, 0) + i * 1000),
  );
  const file = join(dir.path, 'all.ndjson');
  writeFileSync(file, lines.join('\n'));
  const data = join(dir.path, 'data');
  expect((await runCli('import', '--data', data, file)).stderr).toBe(`imported ${N}, skipped 0 already present, 0 errors\n`);
  served = await startServe(data);
  browser = await launchChromium();
  ({ page, errors } = await openUi(browser, served.ui));
  await page.locator('.inbox').waitFor();
  target = await startTarget();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await target?.close();
  dir.remove();
});

const download = async (button: string) => {
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  return readFileSync(await file.path(), 'utf8');
};

describe(`the inbox on ${N.toLocaleString('en')} deliveries`, () => {
  it('exports every one as NDJSON and as HAR, oldest first', async () => {
    const ndjson = download('NDJSON');
    const ids = (await ndjson)
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { id: number }).id);
    expect(ids).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    const har = JSON.parse(await download('HAR')) as { log: { entries: unknown[] } };
    expect(har.log.entries).toHaveLength(N);
    expect(errors).toEqual([]);
  }, 120_000);

  it('says exactly how many a bulk re-send takes, and sends that many', async () => {
    await page.getByRole('button', { name: `Re-send ${N.toLocaleString('en')} deliveries…` }).click();
    const bar = page.locator('.bulk-bar');
    expect(await bar.innerText()).toContain(`Re-send ${N.toLocaleString('en')} deliveries matching the filter`);
    await bar.getByLabel('bulk target URL').fill(target.url('/ok'));
    await bar.getByLabel('concurrency').fill('32');
    await bar.getByRole('button', { name: 'Send', exact: true }).click();
    await expect
      .poll(() => bar.locator('.bulk-progress').innerText(), { timeout: 60_000 })
      .toMatch(new RegExp(`^${N}/${N} · ${N} delivered · 0 failed .* · done`));
    expect(errors).toEqual([]);
  }, 120_000);
});
