// One call of a delivery: the transcript as a chat, its redials, and every contract field.
import type { CallDetail } from '../../../shared/model.js';
import { useApi, useAsync } from '../api/context.js';
import { formatRoute } from '../routing/route.js';
import { FieldsTable } from './FieldsTable.js';
import { JsonValueView } from './JsonValueView.js';
import { RedialsTable } from './RedialsTable.js';
import { Transcript } from './Transcript.js';
import { parseCall } from './call-fields.js';
import { transcript } from './transcript.js';
import { field } from '../../../shared/contract/json-value.js';

export function CallScreen({ deliveryId, index }: { deliveryId: number; index: number }) {
  const api = useApi();
  const loaded = useAsync(() => api.getCall({ deliveryId, index }), [api, deliveryId, index]);
  if (loaded.status === 'loading') return <div className="screen message">Loading call…</div>;
  if (loaded.status === 'error') return <div className="screen message error-bar">Could not load the call: {loaded.error.message}</div>;
  if (!loaded.value) {
    return (
      <div className="screen message">
        Delivery {deliveryId} has no call {index}. <a href={`#/delivery/${deliveryId}`}>← delivery {deliveryId}</a>
      </div>
    );
  }
  return <CallView call={loaded.value} />;
}

function CallView({ call }: { call: CallDetail }) {
  const obj = parseCall(call.json);
  const asr = obj ? field(obj, 'AsrResult') : undefined;
  const bubbles = transcript(asr);
  return (
    <section className="screen call">
      <header className="screen-head">
        <a className="back" href={formatRoute({ name: 'delivery', id: call.deliveryId })}>
          ← delivery #{call.deliveryId}
        </a>
        <h1>
          call {call.index} · <span className="value">{call.calleeName ?? 'unnamed callee'}</span>
        </h1>
        {call.calleeNumber && (
          <a href={formatRoute({ name: 'chain', callee: call.calleeNumber, taskId: call.taskId })}>{call.calleeNumber} · redial chain ›</a>
        )}
        <span className="meta">
          status {call.status ?? '—'} · intention {call.intention ?? '—'} · {call.durationSec ?? '—'} s · ring {call.ringType ?? '—'} ·
          hang-up {call.hangupType ?? '—'}
        </span>
        {call.callId && <a href={formatRoute({ name: 'inbox', q: `CallID:${call.callId}` })}>deliveries with this CallID</a>}
      </header>
      <div className="split">
        <div className="call-main">
          <h2>Transcript</h2>
          {bubbles ? <Transcript bubbles={bubbles} /> : <JsonValueView value={asr} />}
          <h2>Redials ({call.redials.length})</h2>
          <RedialsTable redials={call.redials} />
        </div>
        <aside className="side wide">
          {obj ? <FieldsTable call={obj} /> : <p className="error-bar">This Details entry is not an object: {call.json}</p>}
        </aside>
      </div>
    </section>
  );
}
