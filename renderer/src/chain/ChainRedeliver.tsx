// Re-delivers the chain's deliveries to another endpoint in their original order and spacing, scaled,
// so that a customer's endpoint sees the sequence it saw in production; or spaced by the calls' own
// start times, for chains that arrived all at once (generated, imported).
import { useState } from 'react';
import { useApi } from '../api/context.js';
import { SendJobForm } from '../resend/SendJobForm.js';

const SPEEDS = ['1', '10', '60', 'max'] as const;

export function ChainRedeliver({ callee, taskId }: { callee: string; taskId: string | null }) {
  const api = useApi();
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>('60');
  const [spacing, setSpacing] = useState<'arrival' | 'call-time'>('arrival');
  return (
    <SendJobForm
      label="Re-deliver this chain to"
      start={(to) =>
        api.replayChain({ callee, ...(taskId ? { taskId } : {}), to, speed: speed === 'max' ? 'max' : Number(speed), spacing })
      }
    >
      <label>
        spaced by
        <select value={spacing} onChange={(e) => setSpacing(e.target.value as 'arrival' | 'call-time')} aria-label="re-delivery spacing">
          <option value="arrival">arrival at the receiver</option>
          <option value="call-time">call start times</option>
        </select>
      </label>
      <label>
        speed
        <select value={speed} onChange={(e) => setSpeed(e.target.value as (typeof SPEEDS)[number])} aria-label="re-delivery speed">
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s === 'max' ? 'no waiting' : `${s}× faster`}
            </option>
          ))}
        </select>
      </label>
    </SendJobForm>
  );
}
