// Calls (Details[] entries) and redials (RedailCall[] entries): look-ups by CallID and callee number.
import type { CallSummary, RedialSummary } from '../../../shared/model.js';
import type { CallStore } from './calls-interface.js';
import type { Db } from './db.js';

interface CallRow {
  delivery_id: number;
  idx: number;
  call_id: string | null;
  callee_number: string | null;
  callee_name: string | null;
  task_id: string | null;
  status: string | null;
  intention: string | null;
  start_time: string | null;
  end_time: string | null;
  duration_sec: number | null;
  ring_type: string | null;
  ring_time: number | null;
  hangup_type: string | null;
  redial_count: number;
}

interface RedialRow {
  delivery_id: number;
  call_idx: number;
  idx: number;
  call_id: string | null;
  callee_number: string | null;
  caller_number: string | null;
  start_time_raw: string | null;
  ring_type: string | null;
  ring_time: number | null;
  hangup_type: string | null;
  result_label: string | null;
}

const toCall = (r: CallRow): CallSummary => ({
  deliveryId: r.delivery_id,
  index: r.idx,
  callId: r.call_id,
  calleeNumber: r.callee_number,
  calleeName: r.callee_name,
  taskId: r.task_id,
  status: r.status,
  intention: r.intention,
  startTime: r.start_time,
  endTime: r.end_time,
  durationSec: r.duration_sec,
  ringType: r.ring_type,
  ringTime: r.ring_time,
  hangupType: r.hangup_type,
  redialCount: r.redial_count,
});

const toRedial = (r: RedialRow): RedialSummary => ({
  deliveryId: r.delivery_id,
  callIndex: r.call_idx,
  index: r.idx,
  callId: r.call_id,
  calleeNumber: r.callee_number,
  callerNumber: r.caller_number,
  startTimeRaw: r.start_time_raw,
  ringType: r.ring_type,
  ringTime: r.ring_time,
  hangupType: r.hangup_type,
  resultLabel: r.result_label,
});

export function callStatements(db: Db): CallStore {
  const callsOfDelivery = db.prepare<[number, number], CallRow>(`SELECT * FROM calls WHERE delivery_id = ? ORDER BY idx LIMIT ?`);
  const callAt = db.prepare<[number, number], CallRow>(`SELECT * FROM calls WHERE delivery_id = ? AND idx = ?`);
  const redialsOfCall = db.prepare<[number, number], RedialRow>(
    `SELECT * FROM redials WHERE delivery_id = ? AND call_idx = ? ORDER BY idx`,
  );
  const callsById = db.prepare<[string, number], CallRow>(`SELECT * FROM calls WHERE call_id = ? ORDER BY delivery_id DESC, idx LIMIT ?`);
  const callsByCallee = db.prepare<[string, number], CallRow>(
    `SELECT * FROM calls WHERE callee_number = ? ORDER BY start_time DESC LIMIT ?`,
  );
  // A chain is the vendor's attempts: copies this app re-sent to itself are left out.
  const vendorOnly = (alias: string) => `NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.id = ${alias}.delivery_id AND d.resend = 1)`;
  const calleeCalls = db.prepare<[string], CallRow>(`SELECT * FROM calls c WHERE c.callee_number = ? AND ${vendorOnly('c')}`);
  const calleeRedials = db.prepare<[string, string], RedialRow>(
    `SELECT r.* FROM redials r WHERE r.callee_number = ? AND ${vendorOnly('r')}
     UNION
     SELECT r.* FROM redials r JOIN calls c ON c.id = r.call_row WHERE c.callee_number = ? AND ${vendorOnly('r')}`,
  );
  const receivedAt = db.prepare<[number], { received_at: number }>(`SELECT received_at FROM deliveries WHERE id = ?`);

  return {
    ofDelivery: (deliveryId, limit = -1) => callsOfDelivery.all(deliveryId, limit).map(toCall),
    at: (deliveryId: number, index: number) => {
      const row = callAt.get(deliveryId, index);
      return row ? toCall(row) : undefined;
    },
    redialsOf: (deliveryId: number, index: number) => redialsOfCall.all(deliveryId, index).map(toRedial),
    find: (q: { callId?: string | undefined; callee?: string | undefined; limit: number }) =>
      (q.callId ? callsById.all(q.callId, q.limit) : q.callee ? callsByCallee.all(q.callee, q.limit) : []).map(toCall),
    ofCallee: (callee: string) => ({
      calls: calleeCalls.all(callee).map(toCall),
      redials: calleeRedials.all(callee, callee).map(toRedial),
    }),
    deliveryReceivedAt: (deliveryId: number) => receivedAt.get(deliveryId)?.received_at ?? 0,
  };
}
