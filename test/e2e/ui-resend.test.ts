// The Re-send panel in Chromium against `serve`: send a stored delivery with the vendor policy to a
// server that fails twice, read the three attempts in the log, edit the body with JSON checking,
// copy as curl; payload text stays text.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type Target } from '../integration/support/target.js';
import { post, screenshot, servedUi } from './support/browser.js';

const seedText = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
const INJECTION = '<img src=x onerror="window.__pwned=1">';
/** The seed with an HTML injection as its task name, still valid JSON. */
const body = JSON.stringify({ ...JSON.parse(seedText), TaskName: INJECTION }, null, 2);

const ui = servedUi();
let target: Target;

beforeAll(async () => {
  target = await startTarget();
});

afterAll(async () => {
  await target?.close();
});

const go = (hash: string) => ui.page.evaluate((h) => (window.location.hash = h), hash);
const log = () => ui.page.locator('.attempt-log li');

describe('re-send from the delivery screen', () => {
  it('sends with the vendor policy to a server failing twice: the log shows 500, 500, 200', async () => {
    expect(await post(ui.served.receiver, body)).toBe(200);
    await go('#/delivery/1');
    await ui.page.getByRole('button', { name: 'Re-send…' }).click();
    await ui.page.getByLabel('target URL').fill(target.url('/flaky/2'));
    await ui.page.getByText('retry anything but HTTP 200').click();
    await ui.page.locator('.resend-options').getByRole('spinbutton').nth(2).fill('600'); // time scale: 60 s → 100 ms
    expect(await ui.page.locator('.resend-body-head').innerText()).toMatch(/valid JSON[\s\S]*as stored/);
    await ui.page.getByRole('button', { name: 'Send', exact: true }).click();

    await expect.poll(() => ui.page.locator('.job-line').innerText(), { timeout: 10_000 }).toMatch(/done · 3 attempts · delivered/);
    await expect.poll(() => log().count()).toBe(3);
    expect(await log().allInnerTexts()).toEqual([
      expect.stringMatching(/#3\s+200/),
      expect.stringMatching(/#2\s+500/),
      expect.stringMatching(/#1\s+500/),
    ]);
    expect(target.received.map((r) => r.body.toString())).toEqual([body, body, body]);
    await screenshot(ui.page, 'resend');
  }, 60_000);

  it('opens an attempt: request and response as text; copy as curl gives a command', async () => {
    await log().first().getByRole('button').click();
    const detail = ui.page.locator('.attempt-detail');
    await detail.waitFor();
    expect(await detail.innerText()).toMatch(/Request headers[\s\S]*content-type[\s\S]*Response body[\s\S]*\{\}/i);
    // The injection in the stored body is shown as characters, not markup.
    expect(await detail.locator('.body-snippet').first().innerText()).toContain(JSON.stringify(INJECTION));
    await detail.getByRole('button', { name: 'Copy as curl' }).click();
    expect(await detail.getByLabel('curl command').inputValue()).toMatch(
      /^curl -sS[\s\S]*--url 'http:\/\/127\.0\.0\.1:\d+\/flaky\/2'[\s\S]*--data-raw '/,
    );
  }, 60_000);

  it('checks the edited body as JSON, losslessly, and sends the edit', async () => {
    const editor = ui.page.locator('.body-editor .cm-content');
    await editor.click();
    await ui.page.keyboard.press('Control+End');
    await ui.page.keyboard.type(',');
    await expect.poll(() => ui.page.locator('.resend-body-head').innerText()).toMatch(/not valid JSON[\s\S]*edited/);
    await ui.page.keyboard.press('Backspace');
    await expect.poll(() => ui.page.locator('.resend-body-head').innerText()).toMatch(/valid JSON/);
    await ui.page.keyboard.press('Control+Home');
    await ui.page.keyboard.press('End');
    await ui.page.keyboard.type(' "Edited": 123456789012345678901,');
    await expect.poll(() => ui.page.locator('.resend-body-head').innerText()).toMatch(/^Body\s*valid JSON\s*edited/);
    await ui.page.getByLabel('target URL').fill(target.url('/ok'));
    await ui.page.getByText('retry anything but HTTP 200').click();
    const before = target.received.length;
    await ui.page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => target.received.length).toBe(before + 1);
    expect(target.received.at(-1)!.body.toString()).toMatch(/^\{ "Edited": 123456789012345678901,\n {2}"TaskID"/);
    await expect.poll(() => log().count()).toBe(4);
    expect(await ui.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(ui.errors).toEqual([]);
  }, 60_000);

  it('says a re-send that never got a 200 was not delivered, with the last answer, and marks it so', async () => {
    await ui.page.getByLabel('target URL').fill(target.url('/fail'));
    await ui.page.getByRole('button', { name: 'Send', exact: true }).click();
    const line = ui.page.locator('.job-line');
    await expect.poll(() => line.innerText(), { timeout: 10_000 }).toMatch(/done · 1 attempt · not delivered \(last answer: 500\)/);
    expect(await line.getAttribute('class')).toContain('undelivered');
    expect(ui.errors).toEqual([]);
  }, 60_000);

  it('bulk from the inbox: the matching deliveries with live progress, then the failed ones again', async () => {
    await go('#/inbox');
    await ui.page.getByRole('button', { name: /^Re-send \d+\+? deliver(y|ies)…$/ }).click();
    const bar = ui.page.locator('.bulk-bar');
    await bar.getByLabel('bulk target URL').fill(target.url('/fail'));
    await bar.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => bar.locator('.bulk-progress').innerText()).toMatch(/1\/1 · 0 delivered · 1 failed \(500: 1\) · done/);
    await bar.getByLabel('bulk target URL').fill(target.url('/ok'));
    await bar.getByRole('button', { name: /Re-send the 1 failed/ }).click();
    await expect.poll(() => bar.locator('.bulk-progress').innerText()).toMatch(/1\/1 · 1 delivered · 0 failed \(200: 1\) · done/);
    expect(target.received.at(-1)!.path).toBe('/ok');
    await screenshot(ui.page, 'resend-bulk');
    expect(ui.errors).toEqual([]);
  }, 60_000);

  it('exports the inbox selection as NDJSON that matches the CLI export, as HAR and as zipped fixtures', async () => {
    await go('#/inbox');
    const [ndjson] = await Promise.all([
      ui.page.waitForEvent('download'),
      ui.page.getByRole('button', { name: 'NDJSON', exact: true }).click(),
    ]);
    const lines = readFileSync(await ndjson.path(), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(ndjson.suggestedFilename()).toBe('deliveries.ndjson');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => typeof l.bodyBase64 === 'string' && /^[0-9a-f]{64}$/.test(l.sha256))).toBe(true);
    const [har] = await Promise.all([ui.page.waitForEvent('download'), ui.page.getByRole('button', { name: 'HAR', exact: true }).click()]);
    expect(JSON.parse(readFileSync(await har.path(), 'utf8')).log.entries).toHaveLength(lines.length);
    // The fixture folder, zipped: a zip whose entries include the manifest and one fixture per line.
    const [zip] = await Promise.all([
      ui.page.waitForEvent('download'),
      ui.page.getByRole('button', { name: 'Fixtures', exact: true }).click(),
    ]);
    const bytes = readFileSync(await zip.path());
    expect(zip.suggestedFilename()).toMatch(/\.zip$/);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    const names = bytes.toString('latin1').match(/\d{4}-[A-Za-z0-9_-]+-\d+\.json/g) ?? [];
    expect(new Set(names).size).toBe(lines.length);
    expect(bytes.includes('scenario.json')).toBe(true);
    expect(ui.errors).toEqual([]);
  }, 60_000);

  it('re-delivers a redial chain from its timeline, oldest first', async () => {
    await go('#/chain/%2B6212345678');
    const form = ui.page.locator('.bulk-bar', { hasText: 'Re-deliver this chain' });
    await form.getByLabel('Re-deliver this chain to target URL').fill(target.url('/chain'));
    await form.getByLabel('re-delivery speed').selectOption('max');
    await form.getByLabel('re-delivery spacing').selectOption('call-time');
    const before = target.received.length;
    await form.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => form.locator('.bulk-progress').innerText()).toMatch(/ · \d+ delivered · 0 failed .* · done/);
    expect(await form.locator('.bulk-progress').getAttribute('title')).toContain('by call time');
    const sent = target.received.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((r) => r.path === '/chain' && r.body.toString().includes('+6212345678'))).toBe(true);
    await screenshot(ui.page, 'chain-redeliver');
    expect(ui.errors).toEqual([]);
  }, 60_000);

  it('generates seeded synthetic callbacks and sends them', async () => {
    await go('#/endpoints');
    const form = ui.page.locator('.bulk-bar', { hasText: 'Generate and send' });
    await form.getByLabel('Generate and send target URL').fill(target.url('/generated'));
    await form.getByLabel('calls').fill('3');
    const before = target.received.length;
    await form.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => form.locator('.bulk-progress').innerText()).toMatch(/3\/3 · 3 delivered · 0 failed .* · done/);
    const bodies = target.received.slice(before).map((r) => JSON.parse(r.body.toString()));
    expect(bodies).toHaveLength(3);
    expect(bodies.every((b) => typeof b.TaskID === 'string' && /^[0-9a-f]{32}$/.test(b.Sign) && b.Details.length === 1)).toBe(true);
    await screenshot(ui.page, 'generate');
    expect(ui.errors).toEqual([]);
  }, 60_000);
});
