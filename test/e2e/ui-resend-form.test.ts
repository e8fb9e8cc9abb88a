// The re-send form in Chromium against `serve`: Copy as curl gives the command for exactly what Send
// sends, edits included (curl run from /bin/sh and Send put the same request on the wire); compact
// JSON is formatted for editing and still sent byte for byte when untouched; a re-send waiting out the
// vendor policy's interval counts down to its next attempt.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type Received, type Target } from '../integration/support/target.js';
import { post, screenshot, servedUi } from './support/browser.js';

const seedText = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
const storedSign = (JSON.parse(seedText) as { Sign: string }).Sign;

const ui = servedUi();
let target: Target;

beforeAll(async () => {
  target = await startTarget();
});

afterAll(async () => {
  await target?.close();
});

const go = (hash: string) => ui.page.evaluate((h) => (window.location.hash = h), hash);
const withoutFraming = (h: Array<[string, string]>) => h.filter(([n]) => !/^(host|content-length|transfer-encoding|connection)$/i.test(n));

/** Posts a delivery to the receiver and returns its id. */
async function deliver(body: string): Promise<number> {
  const res = await fetch(ui.served.receiver, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await res.arrayBuffer();
  return Number(res.headers.get('x-callback-inspector-delivery'));
}

/** Opens delivery `id`'s re-send form. */
async function openForm(id: number): Promise<void> {
  await go(`#/delivery/${id}`);
  await ui.page.getByRole('button', { name: 'Re-send…' }).click();
  await ui.page.locator('.resend-panel').waitFor();
}

/** Sends with the form's Send button and returns what the target received. */
async function sendFromForm(): Promise<Received> {
  const before = target.received.length;
  await ui.page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect.poll(() => target.received.length, { timeout: 10_000 }).toBe(before + 1);
  return target.received[before]!;
}

describe('copy as curl in the re-send form', () => {
  it('copies the edited method, headers and body and the new Sign: curl sends what Send sends', async () => {
    expect(await post(ui.served.receiver, seedText)).toBe(200);
    await openForm(1);
    await ui.page.getByLabel('target URL').fill(target.url('/edited'));
    await ui.page.getByLabel('method').fill('PUT');
    const headers = ui.page.getByLabel('headers');
    await headers.fill(`${await headers.inputValue()}\nX-Trace: e2e run`);
    const editor = ui.page.locator('.body-editor .cm-content');
    await editor.click();
    await ui.page.keyboard.press('Control+Home');
    await ui.page.keyboard.press('End');
    await ui.page.keyboard.type(' "Edited": 123456789012345678901,');
    await ui.page.getByLabel('re-sign', { exact: true }).check();
    await ui.page.getByLabel('KEY').fill('e2e-key');

    await ui.page.getByRole('button', { name: 'Copy as curl' }).click();
    const command = await ui.page.getByLabel('curl command').inputValue();
    expect(command).toMatch(/^curl -sS --globoff/);
    expect(command).toContain("-X 'PUT'");
    expect(command).toContain(`--url '${target.url('/edited')}'`);
    expect(command).toContain("-H 'X-Trace: e2e run'");
    expect(command).toContain('"Edited": 123456789012345678901,');
    const sign = /"Sign": "([0-9a-f]{32})"/.exec(command)?.[1];
    expect(sign).toBeDefined();
    expect(sign).not.toBe(storedSign);
    await screenshot(ui.page, 'resend-copy-curl');

    const sent = await sendFromForm();
    const before = target.received.length;
    await promisify(execFile)('/bin/sh', ['-c', command], { timeout: 10_000 });
    await target.waitFor(before + 1);
    const curled = target.received[before]!;
    expect(curled.method).toBe('PUT');
    expect(curled.method).toBe(sent.method);
    expect(curled.path).toBe(sent.path);
    expect(withoutFraming(curled.headers)).toEqual(withoutFraming(sent.headers));
    expect(curled.body.equals(sent.body)).toBe(true);
    expect(sent.body.toString()).toContain(`"Sign": "${sign}"`);
    expect(ui.errors).toEqual([]);
  }, 60_000);

  it('a change after copying closes the command: it would no longer be what Send sends', async () => {
    await ui.page.getByRole('button', { name: 'Copy as curl' }).click();
    await ui.page.getByLabel('curl command').waitFor();
    await ui.page.getByLabel('method').fill('POST');
    await expect.poll(() => ui.page.getByLabel('curl command').count()).toBe(0);
    await ui.page.getByRole('button', { name: 'Copy as curl' }).click();
    expect(await ui.page.getByLabel('curl command').inputValue()).not.toContain("-X 'PUT'");
  }, 60_000);
});

describe('the body editor', () => {
  const compact = '{"TaskID":"compact-1","n":123456789012345678901,"Details":[{"CallID":"c1","Rate":1.50}],"Sign":"s"}';

  it('shows compact JSON formatted; untouched, Send sends the stored bytes', async () => {
    const id = await deliver(compact);
    await openForm(id);
    await ui.page.getByLabel('target URL').fill(target.url('/compact'));
    const lines = ui.page.locator('.body-editor .cm-line');
    await expect.poll(() => lines.count()).toBeGreaterThan(5);
    expect(await lines.nth(2).innerText()).toBe('  "n": 123456789012345678901,');
    expect(await ui.page.locator('.resend-body-head').innerText()).toMatch(/valid JSON[\s\S]*formatted here; sent as stored/);
    await screenshot(ui.page, 'resend-formatted-body');
    const sent = await sendFromForm();
    expect(sent.body.toString()).toBe(compact);
  }, 60_000);

  it('edited, Send sends the edited text, every digit kept', async () => {
    await ui.page.locator('.body-editor .cm-content').click();
    await ui.page.keyboard.press('Control+Home');
    await ui.page.keyboard.press('End');
    await ui.page.keyboard.type(' "Edited": 1,');
    await expect.poll(() => ui.page.locator('.resend-body-head').innerText()).toMatch(/valid JSON\s*edited/);
    const sent = await sendFromForm();
    expect(sent.body.toString()).toBe(
      '{ "Edited": 1,\n  "TaskID": "compact-1",\n  "n": 123456789012345678901,\n  "Details": [\n    {\n      "CallID": "c1",\n      "Rate": 1.50\n    }\n  ],\n  "Sign": "s"\n}',
    );
    expect(ui.errors).toEqual([]);
  }, 60_000);
});

describe('the vendor retry policy', () => {
  it('counts down to the next attempt while the re-send waits for it, and stops when the job ends', async () => {
    const id = await deliver('{"TaskID":"retry-1"}');
    await openForm(id);
    await ui.page.getByLabel('target URL').fill(target.url('/fail'));
    await ui.page.getByText('retry anything but HTTP 200').click();
    const numbers = ui.page.locator('.resend-options').getByRole('spinbutton');
    await numbers.nth(1).fill('1'); // at most one retry
    await numbers.nth(2).fill('12'); // time scale: every 60 s → 5 s
    await ui.page.getByRole('button', { name: 'Send', exact: true }).click();

    const line = ui.page.locator('.job-line');
    const seconds = async () => Number(/next attempt in (\d+) s/.exec(await line.innerText())?.[1] ?? NaN);
    await expect.poll(seconds, { timeout: 10_000 }).toBeGreaterThan(0);
    const first = await seconds();
    expect(first).toBeLessThanOrEqual(5);
    expect(await line.innerText()).toMatch(/sending · 1 attempt so far · next attempt in \d s/);
    await screenshot(ui.page, 'resend-retry-countdown');
    // It counts down: a smaller number follows (or the wait ends before the poll sees one).
    await expect.poll(async () => (await seconds()) < first || /done/.test(await line.innerText()), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => line.innerText(), { timeout: 15_000 }).toMatch(/done · 2 attempts · not delivered \(last answer: 500\)/);
    expect(await line.innerText()).not.toContain('next attempt');
    expect(ui.errors).toEqual([]);
  }, 60_000);
});
