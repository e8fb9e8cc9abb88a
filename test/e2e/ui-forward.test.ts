// Forwarding from the Endpoints screen in Chromium against `serve`: turn on tee forwarding to a local
// app, pause it, then forward what was missed while paused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type Target } from '../integration/support/target.js';
import { post, screenshot, servedUi } from './support/browser.js';

const ui = servedUi();
let app: Target;

beforeAll(async () => {
  app = await startTarget();
});

afterAll(async () => {
  await app?.close();
});

const row = () => ui.page.locator('.endpoints-table tbody tr', { hasText: 'default' });

describe('forwarding on the Endpoints screen', () => {
  it('turns on forwarding for the default endpoint; a delivery reaches the app and is counted', async () => {
    await ui.page.evaluate(() => (window.location.hash = '#/endpoints'));
    await row().getByRole('button', { name: 'edit' }).click();
    await ui.page.getByText('forward every delivery to my app').click();
    await ui.page.locator('.forward-fields').getByPlaceholder('http://localhost:3000/callback').fill(app.url('/ok'));
    await ui.page.locator('.endpoint-form').getByRole('button', { name: 'save', exact: true }).click();
    await expect.poll(() => row().innerText()).toMatch(/tee/);

    expect(await post(`${ui.served.receiver}callback`, '{"TaskID":"1","Sign":"x","Details":[]}')).toBe(200);
    await expect.poll(() => app.received.length).toBe(1);
    await ui.page.reload();
    await expect.poll(() => row().innerText(), { timeout: 10_000 }).toMatch(/1 delivered/);
  }, 60_000);

  it('pauses; what arrives meanwhile is offered for catch-up and forwarded once', async () => {
    await row().getByRole('button', { name: 'pause' }).click();
    await expect.poll(() => row().innerText()).toMatch(/paused/);
    expect(await post(`${ui.served.receiver}callback`, '{"TaskID":"2","Sign":"x","Details":[]}')).toBe(200);
    await ui.page.reload();
    await row().getByRole('button', { name: 'resume' }).click();
    await expect.poll(() => row().innerText()).toMatch(/1 missed while paused/);
    await screenshot(ui.page, 'endpoints-forward');
    expect(app.received).toHaveLength(1);
    await row().getByRole('button', { name: 'forward the 1 missed' }).click();
    await expect.poll(() => app.received.length).toBe(2);
    expect(app.received[1]!.body.toString()).toContain('"TaskID":"2"');
    await ui.page.reload();
    await expect.poll(() => row().innerText(), { timeout: 10_000 }).toMatch(/2 delivered · 0 failed · 0 missed/);
    expect(ui.errors).toEqual([]);
  }, 60_000);
});
