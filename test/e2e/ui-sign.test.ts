// Sign schemes in the UI (Chromium against `serve`): an endpoint set to a GitHub-style HMAC
// header (from its preset) and one set to Standard Webhooks verify what arrives over real HTTP, and
// the delivery view explains a mismatch (expected, received, what was signed) and a stale timestamp.
import { createHmac } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openUi, screenshot, startServe, type Served } from './support/browser.js';

let served: Served;
let browser: Browser;
let page: Page;
let errors: string[];
/** The tampered GitHub-style delivery, re-signed from the panel. */
let tampered = 0;

beforeAll(async () => {
  served = await startServe();
  browser = await launchChromium();
  ({ page, errors } = await openUi(browser, served.ui));
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

async function deliver(path: string, body: string, headers: Record<string, string>): Promise<number> {
  const res = await fetch(`${served.receiver}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  await res.arrayBuffer();
  return Number(res.headers.get('x-callback-inspector-delivery'));
}
const form = () => page.locator('form.endpoint-form');
const signFacts = () => page.locator('h2:text-is("Sign") + dl.facts');
const open = async (id: number) => {
  await page.evaluate((h) => (window.location.hash = h), `#/delivery/${id}`);
  await signFacts().waitFor();
};

describe('Sign schemes in the UI', () => {
  it('configures a GitHub-style HMAC endpoint from its preset', async () => {
    await page.getByRole('link', { name: 'Endpoints' }).click();
    await page.getByRole('button', { name: '+ new endpoint' }).click();
    await form().getByLabel('name', { exact: true }).fill('gh');
    await form().getByLabel('KEY', { exact: true }).fill("It's a Secret to Everybody");
    await form().getByLabel('Sign scheme', { exact: true }).selectOption('hmac');
    await form().getByLabel('HMAC preset', { exact: true }).selectOption('GitHub');
    expect(await form().getByLabel('signature header', { exact: true }).inputValue()).toBe('X-Hub-Signature-256');
    expect(await form().getByLabel('signature prefix', { exact: true }).inputValue()).toBe('sha256=');
    await screenshot(page, 'endpoint-sign-hmac');
    await page.getByRole('button', { name: 'save', exact: true }).click();
    await expect.poll(() => page.locator('tr', { hasText: 'gh' }).first().innerText()).toMatch(/hmac/);
  }, 60_000);

  it('configures Standard Webhooks, and flags a KEY that is not a whsec_ secret', async () => {
    await page.getByRole('button', { name: '+ new endpoint' }).click();
    await form().getByLabel('name', { exact: true }).fill('sw');
    await form().getByLabel('Sign scheme', { exact: true }).selectOption('standard-webhooks');
    await form().getByLabel('KEY', { exact: true }).fill('not a secret!');
    await expect.poll(() => form().locator('.sign-fields [role=alert]').innerText()).toMatch(/not a Standard Webhooks secret/);
    await form().getByLabel('KEY', { exact: true }).fill('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    await expect.poll(() => form().locator('.sign-fields [role=alert]').count()).toBe(0);
    await form().getByLabel('timestamp tolerance', { exact: true }).fill('600');
    await screenshot(page, 'endpoint-sign-standard-webhooks');
    await page.getByRole('button', { name: 'save', exact: true }).click();
    await expect.poll(() => page.locator('tr', { hasText: 'standard-webhooks' }).count()).toBe(1);
  }, 60_000);

  it('shows a GitHub-signed delivery verified, and a tampered one with expected, received and what was signed', async () => {
    const body = '{"zen":"Keep it logically awesome."}';
    const signature = `sha256=${createHmac('sha256', "It's a Secret to Everybody").update(body).digest('hex')}`;
    const good = await deliver('hooks/gh/', body, { 'X-Hub-Signature-256': signature });
    const bad = await deliver('hooks/gh/', body.replace('awesome', 'AWESOME'), { 'X-Hub-Signature-256': signature });
    tampered = bad;
    await open(good);
    await expect.poll(() => signFacts().innerText()).toMatch(/Sign ✓[\s\S]*hmac/);
    await open(bad);
    await expect.poll(() => signFacts().innerText()).toContain('Sign ✗');
    const text = await signFacts().innerText();
    expect(text).toContain('X-Hub-Signature-256 differs from HMAC-SHA-256 of {body} with the KEY');
    expect(text).toContain(signature);
    expect(text).toContain(`<body: ${body.length} bytes>`);
    await screenshot(page, 'delivery-sign-mismatch');
  }, 60_000);

  it('re-signs the tampered delivery from the re-send panel with the endpoint scheme; the receiver verifies it', async () => {
    await page.getByRole('button', { name: 'Re-send…' }).click();
    const panel = page.locator('form.resend-panel');
    await panel.getByLabel('target URL').fill(`${served.receiver}hooks/gh/`);
    await panel.getByText('re-sign', { exact: true }).click();
    // The draft brings the endpoint's scheme: HMAC header with the GitHub settings.
    expect(await panel.getByLabel('signature header', { exact: true }).inputValue()).toBe('X-Hub-Signature-256');
    expect(await panel.getByLabel('signature prefix', { exact: true }).inputValue()).toBe('sha256=');
    await screenshot(page, 'resend-sign-hmac');
    await panel.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => panel.locator('.job-line').innerText(), { timeout: 10_000 }).toMatch(/done · 1 attempt · delivered/);
    const newestSign = async () => {
      const res = await fetch(`${served.ui.split('#')[0]}api/listDeliveries`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${new URLSearchParams(served.ui.split('#')[1]).get('token')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ filter: { endpoint: 'gh' }, limit: 1 }),
      });
      const { result } = (await res.json()) as { result: { items: Array<{ id: number; sign: string }> } };
      return result.items[0]!.id > tampered ? result.items[0]!.sign : 'not arrived yet';
    };
    await expect.poll(newestSign).toBe('verified');
  }, 60_000);

  it('shows an old Standard Webhooks capture verified, with the timestamp warning', async () => {
    const body = '{"test": 2432232314}';
    const id = await deliver('hooks/sw/', body, {
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
    await open(id);
    await expect.poll(() => signFacts().innerText()).toContain('Sign ✓');
    const text = await signFacts().innerText();
    expect(text).toMatch(/webhook-timestamp 1614265330 is \d+ days before it arrived, outside the 600 s tolerance/);
    expect(text).toContain('msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.<body: 20 bytes>');
    await screenshot(page, 'delivery-sign-standard-webhooks');
    expect(errors).toEqual([]);
  }, 60_000);
});
