// One SSE response fed from the event bus. A reader that falls behind (a tab on a busy machine while a
// burst is being read) is not dropped: the events it can refetch are skipped until its buffer drains,
// then one `resync` names what it missed, and it refetches those lists. A reader that stops reading
// altogether is still cut off, so that it cannot make the core buffer without bound.
import type { ServerResponse } from 'node:http';
import { eventNames, refetchableEvents, type EventName, type ResyncNotice } from '../../../shared/api.js';
import type { EventBus } from '../../core/events/event-bus.js';

/** Past this many bytes waiting in the response, refetchable events are skipped until it drains. */
export const LAG_BYTES = 256 * 1024;
/** Past this, the reader is taken to have stopped: the stream is closed; EventSource reconnects. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;
const HEARTBEAT_MS = 15_000;

/** Streams the bus to `res` until it closes; returns the function that stops it. */
export function streamEvents(res: ServerResponse, events: EventBus): () => void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write(': connected\n\n');
  const skipped = new Map<EventName, number>();
  const resync = () => {
    if (skipped.size === 0) return;
    res.off('drain', resync);
    const notice: ResyncNotice = { skipped: Object.fromEntries(skipped) };
    skipped.clear();
    res.write(`event: resync\ndata: ${JSON.stringify(notice)}\n\n`);
  };
  const unsubscribe = eventNames.map((event) =>
    events.on(event, (payload) => {
      if (res.writableLength > MAX_BUFFERED_BYTES) return void res.destroy();
      // Caught up without a 'drain' (the buffer's high-water mark may be above LAG_BYTES): resume here.
      if (res.writableLength <= LAG_BYTES / 4) resync();
      if (refetchableEvents.includes(event) && (skipped.size > 0 || res.writableLength > LAG_BYTES)) {
        if (skipped.size === 0 && res.writableNeedDrain) res.once('drain', resync);
        skipped.set(event, (skipped.get(event) ?? 0) + 1);
        return;
      }
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    }),
  );
  const heartbeat = setInterval(() => {
    if (res.writableLength <= LAG_BYTES / 4) resync();
    res.write(': ping\n\n');
  }, HEARTBEAT_MS);
  const stop = () => {
    clearInterval(heartbeat);
    unsubscribe.forEach((off) => off());
    res.off('drain', resync);
  };
  res.once('close', stop);
  return stop;
}
