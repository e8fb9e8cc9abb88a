// The Charts screen on traffic that is not from today (an import of last year's capture): the default
// range is the day up to the newest delivery, so the charts show it; a status bar opens the inbox on
// the deliveries it counts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot, servedUi } from './support/browser.js';
import { runCli } from './support/cli.js';
import { exportLine } from '../integration/support/export-line.js';

const ui = servedUi();
const T0 = Date.UTC(2025, 0, 15, 9, 0, 0);

let statuses: string[] = [];
beforeAll(async () => {
  const bodies = (await runCli('generate', '--calls', '40', '--seed', 'charts', '--out', '-')).stdout.trim().split('\n');
  statuses = bodies.map((b) => JSON.parse(b).Details[0].Status as string);
  const file = join(ui.served.dataDir, 'last-year.ndjson');
  writeFileSync(file, bodies.map((b, i) => exportLine(i + 1, b, T0 + i * 60_000)).join('\n'));
  const imported = await runCli('import', file, '--data', ui.served.dataDir);
  expect(imported.stderr).toMatch(/imported 40/);
});

describe('charts', () => {
  it('fit the data by default, and a status bar filters the inbox', async () => {
    const { page } = ui;
    await page.evaluate(() => (window.location.hash = '#/charts'));
    const charts = page.locator('section.charts');
    await expect.poll(() => charts.locator('.toolbar .count').innerText(), { timeout: 10_000 }).toBe('40 deliveries');
    expect(await charts.getByLabel('time range').locator('option:checked').innerText()).toBe('the day up to the newest');
    // Its 40 minutes fill the time axis (buckets of seconds), not the edge of a day (buckets of 24 min).
    expect(await charts.locator('figcaption', { hasText: 'Deliveries over time' }).innerText()).toMatch(/buckets of \d+(\.\d+)? s\)$/);
    await screenshot(page, 'charts-fit');

    // A fixed range from now would have shown nothing of it.
    await charts.getByLabel('time range').selectOption({ label: 'last 24 h' });
    await expect.poll(() => charts.locator('.toolbar .count').innerText()).toBe('0 deliveries');
    await charts.getByLabel('time range').selectOption({ label: 'the day up to the newest' });
    await expect.poll(() => charts.locator('.toolbar .count').innerText()).toBe('40 deliveries');

    const failed = statuses.filter((s) => s === 'failed').length;
    expect(failed).toBeGreaterThan(0);
    const chart = charts.locator('.chart', { hasText: 'Call status' });
    const labels = await chart.locator('.recharts-yAxis .recharts-cartesian-axis-tick-value').allInnerTexts();
    const bars = chart.locator('.recharts-bar-rectangle');
    await bars.nth(labels.indexOf('failed')).click();
    await page.waitForURL(/#\/inbox\?q=Status%3Afailed/);
    expect(await page.getByLabel('search deliveries').inputValue()).toBe('Status:failed');
    await expect.poll(() => page.locator('tbody tr, [role="row"]').filter({ hasText: 'call-end' }).count()).toBe(failed);
    expect(ui.errors).toEqual([]);
  }, 60_000);
});
