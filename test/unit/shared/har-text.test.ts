// A HAR document written entry by entry must be the same bytes as the whole log stringified: an export
// of any size written page by page is what a one-piece export of the same selection was.
import { describe, expect, it } from 'vitest';
import { harText } from '../../../shared/har-text.js';
import type { HarEntry, HarLog } from '../../../shared/model.js';

const creator = { name: 'Callback Inspector', version: '1.2.3' };

function entry(n: number, text: string): HarEntry {
  return {
    startedDateTime: new Date(Date.UTC(2024, 4, 22, 3, 0, n)).toISOString(),
    time: n,
    request: {
      method: 'POST',
      url: `http://127.0.0.1:8787/hooks/x/?n=${n}`,
      httpVersion: 'HTTP/1.1',
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      queryString: [{ name: 'n', value: String(n) }],
      cookies: [],
      headersSize: -1,
      bodySize: text.length,
      postData: { mimeType: 'application/json', text },
    },
    response: {
      status: 200,
      statusText: 'default',
      httpVersion: 'HTTP/1.1',
      headers: [],
      cookies: [],
      content: { size: -1, mimeType: '' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: n, receive: 0 },
    comment: `Callback Inspector delivery #${n}, endpoint x`,
  };
}

function written(entries: HarEntry[]): string {
  const har = harText(creator);
  return har.head + entries.map((e) => har.entry(e)).join('') + har.end();
}

describe('a HAR document written in pieces', () => {
  it.each([
    ['no entries', []],
    ['one entry', [entry(1, '{"a":1}')]],
    [
      'several, with newlines, quotes, brackets and non-ASCII text in their bodies',
      [entry(1, '{\n  "a": [1, 2]\n}'), entry(2, 'he said "]}" \u2028 ✓'), entry(3, '')],
    ],
  ] as Array<[string, HarEntry[]]>)('%s: the bytes of the whole log stringified', (_name, entries) => {
    const whole: HarLog = { log: { version: '1.2', creator, entries } };
    expect(written(entries)).toBe(JSON.stringify(whole, null, 2));
    expect(JSON.parse(written(entries))).toEqual(whole);
  });
});
