// A callee's redial chain: the calls of Details[] and their RedailCall[] entries across deliveries,
// one attempt per CallID, ordered by start time. Redial times carry no zone; they are read with the
// offset the user picked and flagged as ambiguous, never silently converted.
import type { ChainAttempt } from '../../../shared/api.js';
import type { CallSummary, RedialSummary } from '../../../shared/model.js';
import { isZoneless, startMs } from '../../../shared/call-time.js';

export interface ChainInput {
  calls: CallSummary[];
  redials: RedialSummary[];
  receivedAt: (deliveryId: number) => number;
  taskId?: string | undefined;
  redialOffsetMinutes: number;
}

export function buildChain(input: ChainInput): ChainAttempt[] {
  const calls = input.taskId ? input.calls.filter((c) => c.taskId === input.taskId) : input.calls;
  const callRows = new Set(calls.map((c) => `${c.deliveryId}:${c.index}`));
  const redials = input.taskId ? input.redials.filter((r) => callRows.has(`${r.deliveryId}:${r.callIndex}`)) : input.redials;
  const byCallId = new Map<string, ChainAttempt>();
  const anonymous: ChainAttempt[] = [];
  const keep = (a: ChainAttempt) => {
    if (!a.callId) return void anonymous.push(a);
    const seen = byCallId.get(a.callId);
    // A call's own Details entry says more than a later delivery's RedailCall mention of it;
    // between equals, the earliest delivery is the original.
    if (!seen || (seen.source === 'redial' && a.source === 'call') || (seen.source === a.source && a.receivedAt < seen.receivedAt)) {
      byCallId.set(a.callId, a);
    }
  };
  for (const c of calls) {
    keep({
      source: 'call',
      deliveryId: c.deliveryId,
      receivedAt: input.receivedAt(c.deliveryId),
      callId: c.callId,
      startTimeRaw: c.startTime,
      zoneAmbiguous: isZoneless(c.startTime),
      startMs: startMs(c.startTime, isZoneless(c.startTime) ? input.redialOffsetMinutes : 0),
      ringType: c.ringType,
      ringTime: c.ringTime,
      hangupType: c.hangupType,
      label: c.intention,
      status: c.status,
      call: c,
    });
  }
  for (const r of redials) {
    keep({
      source: 'redial',
      deliveryId: r.deliveryId,
      receivedAt: input.receivedAt(r.deliveryId),
      callId: r.callId,
      startTimeRaw: r.startTimeRaw,
      zoneAmbiguous: isZoneless(r.startTimeRaw),
      startMs: startMs(r.startTimeRaw, input.redialOffsetMinutes),
      ringType: r.ringType,
      ringTime: r.ringTime,
      hangupType: r.hangupType,
      label: r.resultLabel,
      status: null,
      redial: r,
    });
  }
  const all = [...byCallId.values(), ...anonymous];
  // Unparseable times sort last, then by arrival so the order is still stable and meaningful.
  return all.sort(
    (a, b) => (a.startMs ?? Infinity) - (b.startMs ?? Infinity) || a.receivedAt - b.receivedAt || a.deliveryId - b.deliveryId,
  );
}
