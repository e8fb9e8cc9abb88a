// Synthetic traffic for QA: realistic, contract-valid call-end notifications (seeded, so a run can be
// repeated exactly), signed with a KEY, sent to the receiver under test.
import { useState } from 'react';
import { useApi } from '../api/context.js';
import { SendJobForm } from '../resend/SendJobForm.js';

export function GenerateForm() {
  const api = useApi();
  const [calls, setCalls] = useState('10');
  const [redials, setRedials] = useState('1');
  const [seed, setSeed] = useState('qa');
  const [key, setKey] = useState('');
  return (
    <SendJobForm
      label="Generate and send"
      start={(to) => api.sendGenerated({ to, calls: Number(calls), redials: Number(redials), seed, ...(key ? { key } : {}) })}
    >
      <label>
        <input type="number" min={1} max={1_000_000} value={calls} onChange={(e) => setCalls(e.target.value)} aria-label="calls" /> calls,
      </label>
      <label>
        chains of{' '}
        <input type="number" min={1} max={20} value={redials} onChange={(e) => setRedials(e.target.value)} aria-label="chain length" />
      </label>
      <label>
        seed <input value={seed} onChange={(e) => setSeed(e.target.value)} aria-label="seed" size={8} />
      </label>
      <label>
        KEY <input value={key} onChange={(e) => setKey(e.target.value)} aria-label="generator KEY" placeholder="vendor default" size={12} />
      </label>
    </SendJobForm>
  );
}
