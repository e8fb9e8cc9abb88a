// A form-encoded body is listed as its parameters (the Form tab), and a query string as its own table,
// as webhook.site shows them: in order, repeated names kept, decoded, and every value as text.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { post, screenshot, servedUi } from './support/browser.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
const ui = servedUi();

const query = 'event=call.end&tag=a&tag=b&q=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E';
const form =
  'CallID=6dbf57adc3ecf4f4bfd5efe85ccad659&Status=finished&tag=x&tag=y&CalleeName=Budi+Santoso&empty=&html=%3Cimg+src%3Dx+onerror%3D%22window.__pwned%3D1%22%3E';

/** The rows of a parameters table, each as [name, value]. */
const rowsOf = (label: string) =>
  ui.page
    .locator(`table[aria-label="${label}"] tbody tr`)
    .evaluateAll((rows) => rows.map((r) => [r.querySelector('th')!.textContent, r.querySelector('td')!.textContent]));

describe('parameters in the delivery screen', () => {
  it('lists a form-encoded body and the query string as parameter tables, values as text', async () => {
    expect(
      await post(`${ui.served.receiver}hooks/forms/cb?${query}`, form, {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      }),
    ).toBe(200);
    await ui.page.locator('.inbox-row[data-id="1"]').waitFor();
    await ui.page.evaluate(() => (window.location.hash = '#/delivery/1'));

    // Opened on the Form tab: the body is form-encoded, so its parameters are what it says.
    await ui.page.locator('table[aria-label="form parameters"]').waitFor();
    expect(await ui.page.getByRole('tab', { name: 'Form' }).getAttribute('aria-selected')).toBe('true');
    expect(await rowsOf('form parameters')).toEqual([
      ['CallID', '6dbf57adc3ecf4f4bfd5efe85ccad659'],
      ['Status', 'finished'],
      ['tag', 'x'],
      ['tag', 'y'],
      ['CalleeName', 'Budi Santoso'],
      ['empty', ''],
      ['html', '<img src=x onerror="window.__pwned=1">'],
    ]);
    expect(await rowsOf('query parameters')).toEqual([
      ['event', 'call.end'],
      ['tag', 'a'],
      ['tag', 'b'],
      ['q', '<script>window.__pwned=1</script>'],
    ]);
    // Payload text is data: nothing it spells became an element or ran.
    expect(await ui.page.locator('.delivery img, .delivery script').count()).toBe(0);
    expect(await ui.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await screenshot(ui.page, 'delivery-form-params');

    // The raw text is still one tab away.
    await ui.page.getByRole('tab', { name: 'Text' }).click();
    await expect.poll(() => ui.page.locator('.cm-content').innerText()).toContain('CalleeName=Budi+Santoso');
    expect(ui.errors).toEqual([]);
  }, 60_000);

  it('offers no Form tab and no query table for a JSON body sent without a query string', async () => {
    expect(await post(ui.served.receiver, seed)).toBe(200);
    await ui.page.evaluate(() => (window.location.hash = '#/delivery/2'));
    await ui.page.locator('.cm-line', { hasText: '"TaskID"' }).waitFor();
    expect(await ui.page.getByRole('tab', { name: 'Form' }).count()).toBe(0);
    expect(await ui.page.locator('table[aria-label="query parameters"]').count()).toBe(0);
    expect(ui.errors).toEqual([]);
  }, 60_000);
});
