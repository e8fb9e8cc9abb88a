import { describe, expect, it } from 'vitest';
import { answerBody, contractAnswer, decideResponse } from '../../../main/core/receiver/respond-policy.js';

describe('respond policy', () => {
  it('answers the contract’s 200 {} by default', () => {
    const given = decideResponse(contractAnswer, 1, 0.5);
    expect(given).toEqual({ status: 200, delayMs: 0, hung: false, reason: 'default' });
    expect(answerBody(contractAnswer, given)).toEqual({ body: '{}', contentType: 'application/json' });
  });

  it('fails attempts 1..N of a body and answers normally from attempt N+1', () => {
    const b = { ...contractAnswer, failFirst: 2, failStatus: 503 };
    expect([1, 2, 3].map((a) => decideResponse(b, a, 0.99).status)).toEqual([503, 503, 200]);
    expect(answerBody(b, decideResponse(b, 1, 0.99)).body).toContain('simulated failure');
  });

  it('fails when the roll is under the failure rate', () => {
    const b = { ...contractAnswer, failureRate: 0.3 };
    expect(decideResponse(b, 1, 0.29).status).toBe(500);
    expect(decideResponse(b, 1, 0.3).status).toBe(200);
  });

  it('hangs before anything else when told to', () => {
    expect(decideResponse({ ...contractAnswer, hang: true, failFirst: 5 }, 1, 0)).toMatchObject({ status: null, hung: true });
  });
});
