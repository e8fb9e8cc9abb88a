// The two jobs issue 16 was written for, start to finish, as their users do them.
// (a) A QA engineer's script: a generated callback is sent to the running receiver, `wait` finds it by
//     its CallID, and the script checks its Status and its Sign.
// (b) A support engineer told "the callback for callee X showed the wrong status on the third redial":
//     the chain is found by the callee number from the inbox's search, the third attempt's Status is
//     read on the chain screen beside the second's, and the chain is re-delivered to a local app
//     spaced by the calls' own start times.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type Target } from '../integration/support/target.js';
import { runCli } from './support/cli.js';
import { screenshot, servedUi } from './support/browser.js';

const ui = servedUi();
let target: Target;
beforeAll(async () => {
  target = await startTarget();
});
afterAll(async () => {
  await target?.close();
});

interface Generated {
  Details: Array<{ CallID: string; Status: string; CalleeNumber: string; CallStartTime: string }>;
}
const generated = async (...args: string[]): Promise<Generated[]> =>
  (await runCli('generate', ...args, '--out', '-')).stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Generated);

describe("scenario (a): a QA script checks that its test call's callback arrived and is right", () => {
  it('generate → wait --match CallID:… → Status and Sign', async () => {
    const [call] = await generated('--calls', '1', '--seed', 'qa-scenario');
    const { CallID, Status } = call!.Details[0]!;
    // --since: the callback may arrive before `wait` has started (as README's QA example says).
    const since = new Date(Date.now() - 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    const waiting = runCli('wait', '--data', ui.served.dataDir, '--match', `CallID:${CallID}`, '--since', since, '--timeout', '30');
    const sent = await runCli('generate', '--calls', '1', '--seed', 'qa-scenario', '--to', ui.served.receiver, '--data', ui.served.dataDir);
    expect(sent.status).toBe(0);
    expect(sent.stdout).toMatch(/1 delivered, 0 failed/);
    const found = await waiting;
    expect(found.stderr).not.toMatch(/timed out|error/);
    expect(found.status).toBe(0);
    const delivery = JSON.parse(found.stdout);
    expect(delivery.body.Details[0]).toMatchObject({ CallID, Status });
    expect(delivery.sign).toBe('verified');
    expect(delivery.problems.filter((p: { severity: string }) => p.severity !== 'note')).toEqual([]);
  }, 60_000);
});

describe("scenario (b): a support engineer reads the third redial's Status and re-delivers the chain", () => {
  it('search by callee → chain → attempt 3 vs 2 → re-deliver by call time', async () => {
    const chain = await generated('--calls', '3', '--redials', '3', '--seed', 'support-scenario');
    const callee = chain[0]!.Details[0]!.CalleeNumber;
    const calls = chain.map((c) => c.Details[0]!);
    const sent = await runCli(
      'generate',
      '--calls',
      '3',
      '--redials',
      '3',
      '--seed',
      'support-scenario',
      '--to',
      ui.served.receiver,
      '--concurrency',
      '3',
      '--data',
      ui.served.dataDir,
    );
    expect(sent.status).toBe(0);

    const { page } = ui;
    await page.evaluate(() => (window.location.hash = '#/'));
    await page.getByLabel('search deliveries').fill(`CalleeNumber:${callee}`);
    await expect
      .poll(() => page.locator('[role="row"], tbody tr').filter({ hasText: 'call-end' }).count(), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(3);
    await page.locator('[role="row"], tbody tr').filter({ hasText: 'call-end' }).first().click();
    await page.getByTitle('redial chain').first().click();
    await page.waitForURL(/#\/chain\//);

    const card = page.getByTestId('attempt-card');
    await expect.poll(() => card.innerText(), { timeout: 10_000 }).toMatch(/attempt 1 of 3/);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => card.innerText()).toMatch(/attempt 2 of 3/);
    const second = await page.getByTestId('attempt-status').innerText();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => card.innerText()).toMatch(/attempt 3 of 3/);
    const third = await page.getByTestId('attempt-status').innerText();
    // The chain is in call order: what the screen shows is what the vendor sent for those calls.
    const byStart = [...calls].sort((x, y) => Date.parse(x.CallStartTime) - Date.parse(y.CallStartTime));
    expect([second, third]).toEqual([byStart[1]!.Status, byStart[2]!.Status]);
    await screenshot(page, 'scenario-support-chain');

    const form = page.locator('.bulk-bar', { hasText: 'Re-deliver this chain' });
    await form.getByLabel('Re-deliver this chain to target URL').fill(target.url('/local-app'));
    await form.getByLabel('re-delivery spacing').selectOption('call-time');
    await form.getByLabel('re-delivery speed').selectOption('max');
    const before = target.received.length;
    await form.getByRole('button', { name: 'Send', exact: true }).click();
    await expect
      .poll(() => form.locator('.bulk-progress').innerText(), { timeout: 10_000 })
      .toMatch(/3\/3 · 3 delivered · 0 failed .* · done/);
    const received = target.received.slice(before).map((r) => (JSON.parse(r.body.toString()) as Generated).Details[0]!.CallID);
    expect(received).toEqual(byStart.map((c) => c.CallID));
    expect(ui.errors).toEqual([]);
  }, 60_000);
});
