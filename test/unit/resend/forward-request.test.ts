// What a forward sends: the delivery's own headers and bytes, minus its hop's.
import { describe, expect, it } from 'vitest';
import { forwardRequest } from '../../../main/core/forward/forward-request.js';

describe('forwardRequest', () => {
  it('keeps the delivery’s headers in order, drops Host, framing and Connection-named headers, adds one delivery header', () => {
    const body = Buffer.from('{"a":1}');
    const r = forwardRequest(7, {
      method: 'POST',
      body,
      headers: [
        ['Host', 'abc.ngrok.app'],
        ['Connection', 'keep-alive, X-Hop'],
        ['X-Hop', 'tunnel only'],
        ['Content-Type', 'application/json'],
        ['Content-Length', '7'],
        ['X-Forwarded-For', '203.0.113.9'],
        ['X-Callback-Inspector-Delivery', '999'],
        ['webhook-signature', 'v1,abc'],
      ],
    });
    expect(r.method).toBe('POST');
    expect(r.body).toBe(body);
    expect(r.headers).toEqual([
      ['Content-Type', 'application/json'],
      ['X-Forwarded-For', '203.0.113.9'],
      ['webhook-signature', 'v1,abc'],
      ['X-Callback-Inspector-Delivery', '7'],
    ]);
  });
});
