// How many deliveries are stored but not yet read by the core. During a burst the core reads them
// only once it eases, so the inbox says they exist instead of looking frozen.
import { useEffect, useState } from 'react';
import { useConnection, useEventBatches } from '../api/context.js';

export function useBacklog(): number {
  const [pending, setPending] = useState(0);
  const connection = useConnection();
  useEventBatches('backlog', (batch) => setPending(batch[batch.length - 1]!.pending));
  // The count is sent only when it changes: after a reconnect the last one seen may be long stale.
  // While a backlog lasts it keeps changing, so the next event (within ~250 ms) brings it back.
  useEffect(() => connection.onResync((missed) => missed.includes('backlog') && setPending(0)), [connection]);
  return pending;
}
