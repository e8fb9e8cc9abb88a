import { describe, expect, it } from 'vitest';
import { formatOffset, parseOffset } from '../../../renderer/src/chain/zone.js';
import { vendorUrl } from '../../../renderer/src/endpoints/endpoint-url.js';

describe('zone offsets for redial times', () => {
  it('reads the forms people type', () => {
    expect(parseOffset('+8')).toBe(480);
    expect(parseOffset('UTC+08:00')).toBe(480);
    expect(parseOffset('-05:30')).toBe(-330);
    expect(parseOffset('+0545')).toBe(345);
    expect(parseOffset('gmt -3')).toBe(-180);
  });

  it('refuses what is not an offset the API accepts', () => {
    for (const bad of ['8', '+15', '+08:60', 'Asia/Jakarta', '']) expect(parseOffset(bad)).toBeNull();
  });

  it('writes offsets as UTC±HH:MM and reads them back', () => {
    for (const m of [0, 480, -330, 345, 840, -840]) expect(parseOffset(formatOffset(m))).toBe(m);
    expect(formatOffset(480)).toBe('UTC+08:00');
    expect(formatOffset(-330)).toBe('UTC-05:30');
  });
});

describe('URL to give the vendor', () => {
  it('is the receiver root for default and hooks/<name>/ for a named endpoint', () => {
    expect(vendorUrl('http://127.0.0.1:8787/', 'default')).toBe('http://127.0.0.1:8787/');
    expect(vendorUrl('http://127.0.0.1:8787/', 'qa-7')).toBe('http://127.0.0.1:8787/hooks/qa-7/');
    expect(vendorUrl('https://abc.ngrok.app', 'qa')).toBe('https://abc.ngrok.app/hooks/qa/');
  });
});
