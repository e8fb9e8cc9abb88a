import { describe, expect, it } from 'vitest';
import { buildChain } from '../../../main/core/service/chain.js';
import { startMs } from '../../../shared/call-time.js';
import type { CallSummary, RedialSummary } from '../../../shared/model.js';

const call = (over: Partial<CallSummary>): CallSummary => ({
  deliveryId: 1,
  index: 0,
  callId: 'c1',
  calleeNumber: '+62',
  calleeName: 'n',
  taskId: 'T',
  status: 'finished',
  intention: 'E',
  startTime: '2023-10-19T06:13:17Z',
  endTime: '2023-10-19T06:13:26Z',
  durationSec: 9,
  ringType: 'normal',
  ringTime: 3,
  hangupType: 'ByCallee',
  redialCount: 1,
  ...over,
});
const redial = (over: Partial<RedialSummary>): RedialSummary => ({
  deliveryId: 1,
  callIndex: 0,
  index: 0,
  callId: 'r1',
  calleeNumber: '+62',
  callerNumber: '+86',
  startTimeRaw: '2023-10-19 14:13:07',
  ringType: '',
  ringTime: 3,
  hangupType: 'ByCallee',
  resultLabel: 'F',
  ...over,
});
const at = () => 0;

describe('redial chain', () => {
  it('reads a zone-less time at the chosen offset and an ISO time as written', () => {
    expect(startMs('2023-10-19 14:13:07', 480)).toBe(Date.parse('2023-10-19T06:13:07Z'));
    expect(startMs('2023-10-19 14:13:07', 0)).toBe(Date.parse('2023-10-19T14:13:07Z'));
    expect(startMs('2023-10-19T06:13:17Z', 480)).toBe(Date.parse('2023-10-19T06:13:17Z'));
    expect(startMs('yesterday', 0)).toBeNull();
  });

  it('orders attempts by start time under the chosen interpretation and flags the ambiguous ones', () => {
    const input = { calls: [call({})], redials: [redial({})], receivedAt: at };
    expect(buildChain({ ...input, redialOffsetMinutes: 0 }).map((a) => a.callId)).toEqual(['c1', 'r1']);
    // A call's Status goes with it; a RedailCall entry has none.
    expect(buildChain({ ...input, calls: [call({ status: 'failed' })], redialOffsetMinutes: 0 }).map((a) => a.status)).toEqual([
      'failed',
      null,
    ]);
    const utc8 = buildChain({ ...input, redialOffsetMinutes: 480 });
    expect(utc8.map((a) => [a.callId, a.zoneAmbiguous])).toEqual([
      ['r1', true],
      ['c1', false],
    ]);
  });

  it('counts an attempt once when a later delivery repeats it, preferring its own Details entry', () => {
    const chain = buildChain({
      calls: [call({ callId: 'r1', deliveryId: 2, startTime: '2023-10-19T06:13:07Z' }), call({})],
      redials: [redial({}), redial({ deliveryId: 3 })],
      receivedAt: at,
      redialOffsetMinutes: 480,
    });
    expect(chain.map((a) => [a.callId, a.source])).toEqual([
      ['r1', 'call'],
      ['c1', 'call'],
    ]);
  });

  it('keeps to one task when asked', () => {
    const chain = buildChain({
      calls: [call({}), call({ deliveryId: 9, callId: 'other', taskId: 'T2' })],
      redials: [redial({ deliveryId: 9, callId: 'other-redial' })],
      receivedAt: at,
      taskId: 'T',
      redialOffsetMinutes: 0,
    });
    expect(chain.map((a) => a.callId)).toEqual(['c1']);
  });
});
