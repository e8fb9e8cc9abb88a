// The public URL on the Endpoints screen, in Chromium against `serve`: an X-Forwarded-Host seen is only
// offered; the vendor URL shown is the receiver's until the user confirms it, then the confirmed one.
import { describe, expect, it } from 'vitest';
import { post, screenshot, servedUi } from './support/browser.js';

const ui = servedUi();

const row = () => ui.page.locator('.endpoints-table tbody tr', { hasText: 'default' });
/** The URLs offered to give the vendor for the default endpoint (read-only boxes). */
const vendorUrls = () =>
  row()
    .locator('.urls input')
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
const hint = () => ui.page.getByRole('note', { name: 'public URL hint' });

describe('public URL hint', () => {
  it('offers the first X-Forwarded-Host without using it', async () => {
    const json = { 'content-type': 'application/json' };
    expect(
      await post(`${ui.served.receiver}callback`, '{}', { ...json, 'x-forwarded-host': 'abc.ngrok.example', 'x-forwarded-proto': 'https' }),
    ).toBe(200);
    expect(await post(`${ui.served.receiver}callback`, '{}', { ...json, 'x-forwarded-host': 'evil.example' })).toBe(200);
    await ui.page.evaluate(() => (window.location.hash = '#/endpoints'));
    await hint().waitFor();
    expect(await hint().innerText()).toContain('https://abc.ngrok.example');
    expect(await hint().innerText()).not.toContain('evil.example');
    expect(await ui.page.locator('.endpoints').innerText()).toContain('no public (tunnel) URL set');
    // Only the receiver's own URL is offered to give the vendor.
    expect(await vendorUrls()).toEqual([ui.served.receiver]);
    await screenshot(ui.page, 'endpoints-public-url-hint');
  }, 60_000);

  it('confirming it saves it as the public URL: shown in the header, the vendor URL and the settings', async () => {
    await hint().getByRole('button', { name: 'Use https://abc.ngrok.example as the public URL' }).click();
    await expect
      .poll(() => ui.page.locator('.endpoints > p.quiet').first().innerText())
      .toContain('public (tunnel) URL https://abc.ngrok.example');
    await expect.poll(() => hint().count()).toBe(0);
    expect(await vendorUrls()).toEqual([ui.served.receiver, 'https://abc.ngrok.example/']);
    expect(await ui.page.getByPlaceholder('https://abc.ngrok.app/').inputValue()).toBe('https://abc.ngrok.example');
    await screenshot(ui.page, 'endpoints-public-url-confirmed');
    expect(ui.errors).toEqual([]);
  }, 60_000);
});
