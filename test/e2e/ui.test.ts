// The inspection UI in Chromium against `serve` started as a user starts it: deliveries sent
// with real HTTP appear live, open, show their transcript and redial chain, and payload text never
// runs as code on any screen.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openUi, post, screenshot, startServe, type Served } from './support/browser.js';

const seedText = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
const seed = JSON.parse(seedText);

/** A later call to the seed's callee in the same task; its id is beyond 2^53 and written as digits. */
const laterCall = () => {
  const detail = {
    ...seed.Details[0],
    id: 0,
    CallID: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6',
    CallStartTime: '2023-10-19T07:20:00Z',
    CallEndTime: '2023-10-19T07:20:41Z',
    RingType: 'busy',
    Status: 'failed',
    Intention: 'B',
    RedailCall: [],
    AsrResult: [
      { time: '00:00:01', robottext: 'Selamat siang, apakah ini Bapak name1?', text: '' },
      { time: '00:00:05', robottext: '', text: 'Ya, saya sendiri.' },
    ],
  };
  return JSON.stringify({ ...seed, Details: [detail] }).replace('"id":0', '"id":123456789012345678901');
};

const INJECTIONS = ['<img src=x onerror="window.__pwned=1">', '<script>window.__pwned=1</script>', 'javascript:window.__pwned=1'];
/** The seed with every string (and some keys) replaced by an HTML/script injection. */
const injection = () => {
  let n = 0;
  const poison = (v: unknown): unknown => {
    if (typeof v === 'string') return INJECTIONS[n++ % INJECTIONS.length];
    if (Array.isArray(v)) return v.map(poison);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, poison(x)]));
    return v;
  };
  const body = poison(seed) as typeof seed;
  body.Details[0].CalleeNumber = INJECTIONS[0];
  body.Details[0].NerSlots[INJECTIONS[1]!] = INJECTIONS[2];
  body.Details[0].EventLabel[INJECTIONS[0]!] = INJECTIONS[1];
  return JSON.stringify(body);
};

let served: Served;
let browser: Browser;
let page: Page;
let errors: string[];

const go = async (hash: string) => {
  await page.evaluate((h) => (window.location.hash = h), hash);
};
const rows = () => page.locator('.inbox-row[data-id]');

beforeAll(async () => {
  served = await startServe();
  browser = await launchChromium();
  ({ page, errors } = await openUi(browser, served.ui));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('inspection UI in Chromium', () => {
  it('strips the token from the address bar and shows deliveries arriving live, newest first', async () => {
    await page.locator('.inbox').waitFor();
    expect(page.url()).not.toContain('token=');
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    // Nothing to re-send yet: the bulk button says so instead of offering "0 deliveries".
    const bulk = page.getByRole('button', { name: /^Re-send \d+/ });
    expect(await bulk.isDisabled()).toBe(true);

    expect(await post(served.receiver, seedText)).toBe(200);
    await expect.poll(() => rows().count()).toBe(1);
    // The total is recounted as deliveries arrive, at most once a second.
    await expect.poll(() => page.locator('.toolbar .count').textContent(), { timeout: 5000 }).toBe('1 delivery');
    expect(await bulk.isEnabled()).toBe(true);
    const first = rows().first();
    await expect.poll(() => first.innerText()).toMatch(/Task-001/);
    expect(await first.innerText()).toMatch(/call-end[\s\S]*finished 1[\s\S]*2 note[\s\S]*200/);

    expect(await post(`${served.receiver}hooks/qa/`, laterCall())).toBe(200);
    expect(await post(served.receiver, seedText)).toBe(200); // the vendor retrying the seed
    await expect.poll(() => rows().count()).toBe(3);
    expect(await rows().first().getAttribute('data-id')).toBe('3');
    expect(await rows().first().innerText()).toMatch(/2\/2/);
    // No reload happened: the marker set on the page before the arrivals is still there.
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await screenshot(page, 'inbox');
  }, 60_000);

  it('filters by field syntax, moves with the keyboard and opens with Enter', async () => {
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('search deliveries');
    await page.keyboard.type('CallID:a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6');
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows().first().getAttribute('data-id')).toBe('2');
    await page.keyboard.press('Escape');
    await page.locator('input.search').fill('');
    await expect.poll(() => rows().count()).toBe(3);
    // The endpoint filter offers the unconfigured endpoint deliveries arrived at.
    await page.locator('.inbox select[aria-label="endpoint"]').selectOption('qa');
    await expect.poll(() => rows().count()).toBe(1);
    await page.locator('.inbox select[aria-label="endpoint"]').selectOption('');
    await expect.poll(() => rows().count()).toBe(3);
    await page.locator('input.search').focus();
    await page.keyboard.press('Escape');

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    expect(await page.locator('.inbox-row.selected').getAttribute('data-id')).toBe('2');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/delivery\/2$/);
    await page.locator('.cm-content').waitFor();
    // The id beyond 2^53 keeps its digits in the pretty JSON.
    await expect.poll(() => page.locator('.cm-content').innerText()).toContain('123456789012345678901');
  }, 60_000);

  it('shows the delivery: request, body, problems that jump to their spot, Sign, answer and vendor retries', async () => {
    await go('#/delivery/3');
    await page.locator('.request-line').waitFor();
    expect(await page.locator('.request-line').innerText()).toBe('POST /');
    expect(await page.locator('.side').innerText()).toMatch(/attempt 1[\s\S]*attempt 2[\s\S]*\+\d+\.\d s/);
    // The seed example is signed with the vendor's default KEY, which the app checks when none is set.
    expect(await page.locator('.side').innerText()).toMatch(/Sign ✓[\s\S]*md5-template[\s\S]*vendor's default/);
    await page.locator('.cm-content').waitFor();

    await page.locator('.problem', { hasText: 'Details[0].RedailCall[0].RingType' }).click();
    await expect.poll(() => page.locator('.cm-activeLine').innerText()).toContain('"RingType": ""');
    await screenshot(page, 'delivery');

    await page.getByRole('tab', { name: 'Text' }).click();
    await expect.poll(() => page.locator('.cm-content').innerText()).toContain('"TaskName": "Task-001"');
    await page.getByRole('tab', { name: 'Hex' }).click();
    expect(await page.locator('.hex-rows div').first().innerText()).toMatch(/^00000000\s+7b 0a 20 20/);
    await screenshot(page, 'delivery-hex');
  }, 60_000);

  it('opens a call from the details table: all contract fields and the transcript as a chat', async () => {
    await go('#/delivery/2');
    await page.locator('.calls-table').getByRole('link', { name: 'call 0' }).click();
    await page.waitForURL(/#\/call\/2\/0$/);
    const chat = page.locator('.chat');
    await chat.waitFor();
    expect(await chat.locator('.bubble.robot').innerText()).toMatch(/ROBOT\s*00:00:01[\s\S]*Bapak name1/i);
    expect(await chat.locator('.bubble.callee').innerText()).toMatch(/CALLEE\s*00:00:05[\s\S]*saya sendiri/i);
    const fields = page.locator('.fields');
    expect(await fields.innerText()).toMatch(/32 of 34 contract fields present/);
    expect(await fields.locator('tr', { hasText: 'PlatformName' }).innerText()).toContain('HAPPYPLANTE');
    expect(await fields.locator('tr', { hasText: 'NerSlots' }).innerText()).toMatch(/PaymentMethod\s+ATM/);
    expect(await fields.locator('tr', { hasText: /^id/ }).first().innerText()).toContain('123456789012345678901');
    expect(await fields.locator('tr', { hasText: 'Multi_intention' }).innerText()).toContain('absent');
    await screenshot(page, 'call');
  }, 60_000);

  it('replays the redial chain: steps, zone reading shown explicitly, playback with a countdown, at 1x and 3600x', async () => {
    await go('#/call/1/0');
    await page.getByRole('link', { name: /redial chain/ }).click();
    await page.waitForURL(/#\/chain\/\+6212345678/);
    const card = page.getByTestId('attempt-card');
    await card.waitFor();
    await expect.poll(() => card.innerText()).toMatch(/attempt 1 of 3[\s\S]*call \(Details\)[\s\S]*2023-10-19T06:13:17Z/);
    // Each call's Status is on the card and in the list (a support engineer's question is "which status on which attempt").
    expect(await page.getByTestId('attempt-status').innerText()).toBe('finished');
    expect(await page.locator('.attempt-list li .status').allInnerTexts()).toEqual(['finished', 'failed', '—']);

    await page.getByRole('button', { name: 'step forward' }).click();
    expect(await card.innerText()).toMatch(/attempt 2 of 3[\s\S]*2023-10-19T07:20:00Z[\s\S]*busy/);
    expect(await page.getByTestId('attempt-status').innerText()).toBe('failed');
    // ← and → step as the buttons do.
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => card.innerText()).toMatch(/attempt 1 of 3/);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => card.innerText()).toMatch(/attempt 2 of 3/);
    await page.getByRole('button', { name: 'step forward' }).click();
    const redial = await card.innerText();
    expect(redial).toMatch(/attempt 3 of 3[\s\S]*redial/);
    expect(redial).toContain('2023-10-19 14:13:07');
    expect(redial).toMatch(/no zone in the payload · read as UTC\+00:00 → 2023-10-19T14:13:07Z/);
    expect(redial).toMatch(/ring type\s*"" \(empty\)[\s\S]*ring time\s*3 s[\s\S]*hang-up\s*ByCallee[\s\S]*result label\s*F/);

    // Read as UTC+8 the redial started 10 s before the call: it moves to the front, still shown raw.
    await page.getByLabel('UTC+8').check();
    await page.locator('.attempt-list li button').first().click();
    await expect
      .poll(() => card.innerText())
      .toMatch(/attempt 1 of 3[\s\S]*redial[\s\S]*2023-10-19 14:13:07[\s\S]*read as UTC\+08:00 → 2023-10-19T06:13:07Z/);
    expect(await page.locator('.attempt-list').innerText()).toMatch(/\+10 s/);

    // At 1× the wait before the next step counts down, and says which gap it stands for.
    await page.locator('.attempt-list li button').first().click();
    await page.getByLabel('speed', { exact: true }).selectOption('1');
    await page.getByRole('button', { name: 'play' }).click();
    const countdown = page.locator('.playback', { hasText: 'next in' });
    const secondsLeft = async () => Number(/next in ([\d.]+) s/.exec(await countdown.innerText())![1]);
    await countdown.waitFor();
    expect(await countdown.innerText()).toMatch(/\(\+10\.0 s in the chain\)/);
    const first = await secondsLeft();
    await expect.poll(secondsLeft, { timeout: 5_000 }).toBeLessThan(first - 0.5);
    await page.getByRole('button', { name: 'pause' }).click();

    await page.getByLabel('speed', { exact: true }).selectOption('3600');
    await page.getByRole('button', { name: 'play' }).click();
    await expect.poll(() => card.innerText(), { timeout: 20_000 }).toMatch(/attempt 3 of 3/);
    await expect.poll(() => page.getByRole('button', { name: 'play' }).count()).toBe(1);
    await screenshot(page, 'chain');
  }, 60_000);

  it('shows endpoints with the URL to give the vendor, and creates one', async () => {
    await page.getByRole('link', { name: 'Endpoints' }).click();
    await expect.poll(() => page.getByLabel('default URL').inputValue()).toBe(served.receiver);
    // Deliveries arrived at /hooks/qa/, which nobody configured: it is listed, ready to be configured.
    await expect.poll(() => page.locator('tr', { hasText: 'qa' }).first().innerText()).toMatch(/qa\s*not configured/);
    expect(await page.getByLabel('qa URL').inputValue()).toBe(`${served.receiver}hooks/qa/`);
    await page.getByRole('button', { name: '+ new endpoint' }).click();
    // With no KEY the vendor signs with its default one, and that is what the check uses.
    expect(await page.getByLabel('KEY', { exact: true }).getAttribute('placeholder')).toBe("empty: the vendor's default");
    await page.getByLabel('name').fill('bad name!');
    await page.getByRole('button', { name: 'save', exact: true }).click();
    expect(await page.locator('.issues').innerText()).toMatch(/name/);
    await page.getByLabel('name').fill('flaky');
    await page.getByLabel('fail first N of each body').fill('2');
    await page.getByRole('button', { name: 'save', exact: true }).click();
    await expect.poll(() => page.getByLabel('flaky URL').inputValue()).toBe(`${served.receiver}hooks/flaky/`);
    expect(await page.locator('tr', { hasText: 'flaky' }).innerText()).toMatch(/fails first 2 with 500/);
    // The receiver now answers as configured.
    expect(await post(`${served.receiver}hooks/flaky/`, '{"x":1}')).toBe(500);
    await screenshot(page, 'endpoints');
  }, 60_000);

  it('charts the deliveries', async () => {
    await page.getByRole('link', { name: 'Charts' }).click();
    await page.locator('.chart-grid').waitFor();
    await expect.poll(() => page.locator('.chart', { hasText: 'Call status' }).innerText()).toContain('finished');
    expect(await page.locator('.chart', { hasText: 'Ring type' }).innerText()).toMatch(/busy[\s\S]*normal|normal[\s\S]*busy/);
    expect(await page.locator('.chart', { hasText: 'Call duration' }).innerText()).toMatch(/0-10s[\s\S]*30-60s/);
    await screenshot(page, 'charts');
  }, 60_000);

  it('treats payload text as data on every screen: an all-injection payload runs nothing', async () => {
    await page.getByRole('link', { name: 'Inbox' }).click();
    // The inbox, shown again, draws its rows once it has measured itself.
    await expect.poll(() => rows().count()).toBeGreaterThan(0);
    const before = await rows().count();
    expect(
      await post(`${served.receiver}%3Cimg%20src=x%20onerror=window.__pwned=1%3E`, injection(), {
        'content-type': 'application/json',
        'x-evil': INJECTIONS[0]!,
      }),
    ).toBe(200);
    await expect.poll(() => rows().count()).toBe(before + 1);
    const id = await rows().first().getAttribute('data-id');
    const pwned = () => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
    const noMarkup = () =>
      page.evaluate(() => ({
        images: document.querySelectorAll('img').length,
        scripts: document.querySelectorAll('script').length,
        jsLinks: Array.from(document.querySelectorAll('a')).filter((a) =>
          a.getAttribute('href')?.trim().toLowerCase().startsWith('javascript'),
        ).length,
      }));
    const check = async (screen: string) => {
      await page.waitForTimeout(300);
      expect(await pwned(), screen).toBeUndefined();
      expect(await noMarkup(), screen).toEqual({ images: 0, scripts: 1, jsLinks: 0 });
      await screenshot(page, `injection-${screen}`);
    };
    await check('inbox');
    await go(`#/delivery/${id}`);
    await page.locator('.cm-content').waitFor();
    await check('delivery');
    await page.getByRole('tab', { name: 'Text' }).click();
    await check('delivery-text');
    await go(`#/call/${id}/0`);
    await page.locator('.chat').waitFor();
    expect(await page.locator('.chat').innerText()).toContain(INJECTIONS[1]);
    await check('call');
    await page.getByRole('link', { name: /redial chain/ }).click();
    await page.getByTestId('attempt-card').waitFor();
    await page.getByRole('button', { name: 'play' }).click();
    await check('chain');
    await page.getByRole('link', { name: 'Charts' }).click();
    await page.locator('.chart-grid').waitFor();
    await check('charts');
    await page.getByRole('link', { name: 'Endpoints' }).click();
    await check('endpoints');
    expect(errors).toEqual([]);
  }, 90_000);
});
