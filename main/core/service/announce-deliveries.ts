// `deliveryReceived` for deliveries that are new in the store, whichever way they came in: derived
// after arriving at the receiver, or imported (already derived) through a running core, so that an
// open inbox shows an import as it lands rather than at its next count.
import type { EventBus } from '../events/event-bus.js';
import type { Store } from '../store/index.js';

export function announceDeliveries(store: Store, events: EventBus, ids: Iterable<number>): void {
  // Reading each row back costs the receiver's thread ~50 µs a delivery: only for a listener (UI, wait).
  if (!events.has('deliveryReceived')) return;
  for (const id of ids) {
    const summary = store.deliveries.summary(id);
    if (summary) events.emit('deliveryReceived', summary);
  }
}
