// Decides the answer an endpoint gives a delivery: the contract's `200 {}`, or a failing endpoint's
// answer so that the vendor's retries can be watched.
import type { GivenResponse, ResponseBehaviour } from '../../../shared/model.js';

export const contractAnswer: ResponseBehaviour = {
  status: 200,
  body: '{}',
  contentType: 'application/json',
  delayMs: 0,
  hang: false,
  failFirst: 0,
  failStatus: 500,
  failureRate: 0,
};

/** `attempt` is 1 for the first arrival of a body, k for its k-th; `random` is in [0, 1). */
export function decideResponse(b: ResponseBehaviour, attempt: number, random: number): GivenResponse {
  if (b.hang) return { status: null, delayMs: 0, hung: true, reason: 'configured' };
  if (attempt <= b.failFirst) return { status: b.failStatus, delayMs: b.delayMs, hung: false, reason: 'fail-first' };
  if (random < b.failureRate) return { status: b.failStatus, delayMs: b.delayMs, hung: false, reason: 'failure-rate' };
  const reason = b.status === 200 && b.delayMs === 0 ? 'default' : 'configured';
  return { status: b.status, delayMs: b.delayMs, hung: false, reason };
}

/** Body for an answer: the configured body on the configured status, a short JSON error otherwise. */
export function answerBody(b: ResponseBehaviour, given: GivenResponse): { body: string; contentType: string } {
  if (given.reason === 'fail-first' || given.reason === 'failure-rate') {
    return { body: JSON.stringify({ error: `simulated failure (${given.reason})` }), contentType: 'application/json' };
  }
  return { body: b.body, contentType: b.contentType };
}
