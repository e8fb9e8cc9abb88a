// Forwarding from the Endpoints screen in Chromium against `serve`: turn on tee forwarding to a local
// app, pause it, then forward what was missed while paused.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type Target } from '../integration/support/target.js';
import { launchChromium, openUi, post, screenshot, startServe, type Served } from './support/browser.js';

let served: Served;
let browser: Browser;
let page: Page;
let errors: string[];
let app: Target;

beforeAll(async () => {
  served = await startServe();
  app = await startTarget();
  browser = await launchChromium();
  ({ page, errors } = await openUi(browser, served.ui));
  await page.locator('.inbox').waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await app?.close();
});

const row = () => page.locator('.endpoints-table tbody tr', { hasText: 'default' });

describe('forwarding on the Endpoints screen', () => {
  it('turns on forwarding for the default endpoint; a delivery reaches the app and is counted', async () => {
    await page.evaluate(() => (window.location.hash = '#/endpoints'));
    await row().getByRole('button', { name: 'edit' }).click();
    await page.getByText('forward every delivery to my app').click();
    await page.locator('.forward-fields').getByPlaceholder('http://localhost:3000/callback').fill(app.url('/ok'));
    await page.locator('.endpoint-form').getByRole('button', { name: 'save', exact: true }).click();
    await expect.poll(() => row().innerText()).toMatch(/tee/);

    expect(await post(`${served.receiver}callback`, '{"TaskID":"1","Sign":"x","Details":[]}')).toBe(200);
    await expect.poll(() => app.received.length).toBe(1);
    await page.reload();
    await expect.poll(() => row().innerText(), { timeout: 10_000 }).toMatch(/1 delivered/);
  }, 60_000);

  it('pauses; what arrives meanwhile is offered for catch-up and forwarded once', async () => {
    await row().getByRole('button', { name: 'pause' }).click();
    await expect.poll(() => row().innerText()).toMatch(/paused/);
    expect(await post(`${served.receiver}callback`, '{"TaskID":"2","Sign":"x","Details":[]}')).toBe(200);
    await page.reload();
    await row().getByRole('button', { name: 'resume' }).click();
    await expect.poll(() => row().innerText()).toMatch(/1 missed while paused/);
    await screenshot(page, 'endpoints-forward');
    expect(app.received).toHaveLength(1);
    await row().getByRole('button', { name: 'forward the 1 missed' }).click();
    await expect.poll(() => app.received.length).toBe(2);
    expect(app.received[1]!.body.toString()).toContain('"TaskID":"2"');
    await page.reload();
    await expect.poll(() => row().innerText(), { timeout: 10_000 }).toMatch(/2 delivered · 0 failed · 0 missed/);
    expect(errors).toEqual([]);
  }, 60_000);
});
