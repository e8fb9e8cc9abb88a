// The receiver's handler: ingest, commit, publish, then say what to answer. Runs synchronously so
// that the answer is only ever written after the row is committed.
import type { CapturedRequest, EndpointConfig, GivenResponse } from '../../../shared/model.js';
import { ingest } from '../ingest/ingest.js';
import type { Answer, BodyCut } from '../receiver/http-server.js';
import { answerBody, contractAnswer, decideResponse } from '../receiver/respond-policy.js';
import { toSummary, type Store } from '../store/index.js';
import type { EventBus } from './events.js';

export interface RecorderDeps {
  store: Store;
  events: EventBus;
  endpoint: (name: string) => EndpointConfig | undefined;
  random?: () => number;
  /** Told of every X-Forwarded-Host seen, so the UI can offer the tunnel's public URL. */
  onForwardedHost?: (hostAndProto: string) => void;
}

export function createRecorder(deps: RecorderDeps) {
  const random = deps.random ?? Math.random;
  return (captured: CapturedRequest, cut: BodyCut): Answer => {
    const endpoint = deps.endpoint(captured.endpoint);
    const behaviour = endpoint?.response ?? contractAnswer;
    const derived = ingest({ body: captured.body, truncated: captured.truncated, headers: captured.headers, endpoint: endpoint ?? null });
    const { id, response } = deps.store.deliveries.record({ captured, ingest: derived }, (position): GivenResponse => {
      if (cut === 'over-limit') return { status: 413, delayMs: 0, hung: false, reason: 'too-large' };
      if (cut === 'aborted') return { status: null, delayMs: 0, hung: false, reason: 'aborted' };
      return decideResponse(behaviour, position.attempt, random());
    });
    const row = deps.store.deliveries.row(id);
    if (row) deps.events.emit('deliveryReceived', toSummary(row));
    noteForwardedHost(captured.headers, deps.onForwardedHost);
    if (response.reason === 'too-large') {
      return answer(413, JSON.stringify({ error: 'body too large; its head was recorded' }), 'application/json', id, 0);
    }
    const { body, contentType } = answerBody(behaviour, response);
    return answer(response.status, body, contentType, id, response.delayMs);
  };
}

function answer(status: number | null, body: string, contentType: string, id: number, delayMs: number): Answer {
  return { status, body, delayMs, headers: { 'content-type': contentType, 'x-callback-inspector-delivery': String(id) } };
}

function noteForwardedHost(headers: Array<[string, string]>, note: ((h: string) => void) | undefined): void {
  if (!note) return;
  let host: string | undefined;
  let proto = 'https';
  for (const [name, value] of headers) {
    const n = name.toLowerCase();
    if (n === 'x-forwarded-host') host = value.split(',')[0]!.trim();
    else if (n === 'x-forwarded-proto') proto = value.split(',')[0]!.trim();
  }
  if (host && /^[A-Za-z0-9.-]+(:\d+)?$/.test(host)) note(`${proto === 'http' ? 'http' : 'https'}://${host}`);
}
