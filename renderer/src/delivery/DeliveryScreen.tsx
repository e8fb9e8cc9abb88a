// One delivery: the request line, its calls, the body, and on the side the problems, Sign, the answer
// given, the vendor retries, the query parameters and the headers; and re-sending it (the Re-send panel and its attempt log).
import { useState } from 'react';
import type { DeliveryDetail } from '../../../shared/model.js';
import type { RawBody } from '../../../shared/api.js';
import { useApi, useAsync } from '../api/context.js';
import { CallsTable } from '../call/CallsTable.js';
import { KindBadge, ProblemsBadge, SignBadge, AnswerBadge } from '../common/badges.js';
import { formatBytes, formatLocal } from '../common/format.js';
import { BodyViewer } from './BodyViewer.js';
import { AnswerFacts, HeadersTable, RetryGroup, SignFacts } from './DeliveryFacts.js';
import { ProblemsHeading, ProblemsList } from './ProblemsList.js';
import { readParams } from './params.js';
import { ParamsTable } from './ParamsTable.js';
import { AttemptLog } from '../resend/AttemptLog.js';
import { ResendPanel } from '../resend/ResendPanel.js';
import { formatRoute } from '../routing/route.js';

export function DeliveryScreen({ id }: { id: number }) {
  const api = useApi();
  const loaded = useAsync(() => Promise.all([api.getDelivery({ id }), api.getRawBody({ id })]), [api, id]);
  if (loaded.status === 'loading') return <div className="screen message">Loading delivery {id}…</div>;
  if (loaded.status === 'error')
    return (
      <div className="screen message error-bar">
        Could not load delivery {id}: {loaded.error.message}
      </div>
    );
  const [detail, body] = loaded.value;
  if (!detail || !body) {
    return (
      <div className="screen message">
        There is no delivery {id} (it may have been removed by retention). <a href="#/inbox">← Inbox</a>
      </div>
    );
  }
  return <DeliveryView detail={detail} body={body} />;
}

function DeliveryView({ detail, body }: { detail: DeliveryDetail; body: RawBody }) {
  const [jump, setJump] = useState<{ path: string; nonce: number } | null>(null);
  const [resending, setResending] = useState(false);
  const d = detail;
  const sentFromHere = (
    <>
      <h2 title="Re-sends of this delivery and its forwards to your app (docs/FORWARD.md)">Sent from here: re-sends and forwards</h2>
      <AttemptLog deliveryId={d.id} />
    </>
  );
  return (
    <section className="screen delivery">
      <header className="screen-head">
        <a href="#/inbox" className="back">
          ← Inbox
        </a>
        <h1 className="request-line">
          <b>{d.method}</b> {d.path}
          {d.query ? `?${d.query}` : ''}
        </h1>
        <span className="meta">
          #{d.id} · {formatLocal(d.receivedAt)} · endpoint {d.endpoint} · from {d.remoteAddress} · {formatBytes(d.size)}
        </span>
        <KindBadge kind={d.kind} />
        {d.shape && d.shape !== d.kind && <span className="badge muted">{d.shape}</span>}
        <ProblemsBadge errors={d.errorCount} warnings={d.warningCount} notes={d.noteCount} />
        <SignBadge status={d.sign} />
        <span className="meta">answer</span> <AnswerBadge status={d.responseStatus} />
        {d.retryGroup.length > 1 && (
          <span className="badge warn">
            attempt {d.attempt}/{d.retryGroup.length}
          </span>
        )}
        {d.resend && (
          <span className="badge muted" title="Sent by this app's re-send (X-Callback-Inspector-Resend), not by the vendor">
            re-sent from here
          </span>
        )}
        <a className="compare-link" href={formatRoute({ name: 'diff', a: String(d.id), b: 'example' })}>
          Compare with the contract example
        </a>
        <button
          type="button"
          className={`resend-toggle ${resending ? 'active' : ''}`}
          aria-pressed={resending}
          onClick={() => setResending(!resending)}
        >
          {resending ? 'Back to the body' : 'Re-send…'}
        </button>
      </header>
      {d.calls.length > 0 && (
        <div className="calls-strip">
          <h2>
            Calls (
            {d.calls.length < d.callCount
              ? `the first ${d.calls.length.toLocaleString('en-US')} of ${d.callCount.toLocaleString('en-US')}`
              : d.calls.length}
            )
            {d.taskName !== null && (
              <>
                {' '}
                · task <span className="value">{d.taskName}</span>
              </>
            )}
          </h2>
          <CallsTable calls={d.calls} />
        </div>
      )}
      <div className="split">
        {resending ? (
          <ResendPanel deliveryId={d.id} isJson={d.kind !== 'not-json'} />
        ) : (
          <BodyViewer
            body={body}
            isJson={d.kind !== 'not-json'}
            contentType={d.contentType}
            contentEncoding={d.contentEncoding}
            jump={jump}
          />
        )}
        {/* What arrived comes first; what was sent from here leads only while re-sending. */}
        <aside className="side">
          {resending && sentFromHere}
          <ProblemsHeading problems={d.problems} />
          <ProblemsList problems={d.problems} onJump={(path) => setJump({ path, nonce: Date.now() })} />
          <h2>Sign</h2>
          <SignFacts sign={d.signDetail} />
          <h2>Answer given</h2>
          <AnswerFacts response={d.response} />
          <h2>Vendor retries</h2>
          <RetryGroup current={d.id} group={d.retryGroup} />
          {d.query !== '' && (
            <>
              <h2>Query parameters</h2>
              <ParamsTable params={readParams(d.query)} label="query parameters" />
            </>
          )}
          <h2>Request headers</h2>
          <HeadersTable headers={d.headers} />
          {Object.keys(d.forwarded).length > 0 && (
            <>
              <h2>Forwarded</h2>
              <HeadersTable headers={Object.entries(d.forwarded)} />
            </>
          )}
          {!resending && sentFromHere}
        </aside>
      </div>
    </section>
  );
}
