// An endpoint row's forwarding: target and mode, pause/resume, and "forward again what was missed"
// (failed while the app was down, or skipped while paused), with how many that is.
import { useState } from 'react';
import type { EndpointConfig } from '../../../shared/model.js';
import { useApi, useAsync } from '../api/context.js';

export function ForwardControls({ endpoint, onChanged }: { endpoint: EndpointConfig; onChanged(): void }) {
  const api = useApi();
  const forward = endpoint.forward;
  const status = useAsync(() => (forward ? api.forwardStatus({ endpoint: endpoint.name }) : Promise.resolve(null)), [api, endpoint]);
  const [message, setMessage] = useState<string | null>(null);
  if (!forward) return <span className="quiet">—</span>;
  const counts = status.status === 'ready' && status.value ? status.value.counts : null;
  const missed = counts ? counts.failed + counts.paused : 0;

  const act = async (run: () => Promise<string>) => {
    try {
      setMessage(await run());
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
    onChanged();
    status.reload();
  };

  return (
    <div className="forward-cell">
      <div>
        <code>{forward.url}</code> <span className="badge">{forward.mode}</span>
        {forward.paused && <span className="badge warn">paused</span>}
      </div>
      {counts && (
        <div className="quiet">
          {counts.delivered} delivered · {counts.failed} failed · {counts.paused} missed while paused
          {counts.pending ? ` · ${counts.pending} under way` : ''}
        </div>
      )}
      <div className="actions">
        <button
          onClick={() =>
            void act(async () => {
              await api.putEndpoint({ ...endpoint, forward: { ...forward, paused: !forward.paused } });
              return forward.paused ? 'forwarding resumed' : 'forwarding paused';
            })
          }
        >
          {forward.paused ? 'resume' : 'pause'}
        </button>
        {missed > 0 && (
          <button
            onClick={() =>
              void act(async () => {
                const job = await api.forwardCatchUp({ endpoint: endpoint.name });
                return `catching up: job #${job.id}, ${job.total} deliveries`;
              })
            }
          >
            forward the {missed} missed
          </button>
        )}
      </div>
      {message && <div className="quiet">{message}</div>}
    </div>
  );
}
