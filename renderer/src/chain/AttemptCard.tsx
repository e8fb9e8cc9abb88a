// One attempt of the chain as the playback shows it: ring, hang-up, result, and its start time with
// the zone reading spelled out when the payload gave none.
import type { ChainAttempt } from '../../../shared/api.js';
import { formatIsoUtc } from '../../../shared/contract/times.js';
import { formatRoute } from '../routing/route.js';
import { formatOffset } from './zone.js';

export function AttemptCard({
  attempt,
  previous,
  position,
  total,
  offset,
}: {
  attempt: ChainAttempt;
  previous?: ChainAttempt | undefined;
  position: number;
  total: number;
  offset: number;
}) {
  const a = attempt;
  return (
    <div className="attempt-card" aria-live="polite" data-testid="attempt-card">
      <div className="attempt-title">
        attempt {position + 1} of {total} ·{' '}
        <span className={`badge ${a.source === 'call' ? 'kind-call-end' : 'muted'}`}>
          {a.source === 'call' ? 'call (Details)' : 'redial (RedailCall)'}
        </span>
      </div>
      <dl className="facts wide">
        <dt>status</dt>
        <dd>
          {a.source === 'call' ? (
            <b data-testid="attempt-status">{a.status ?? '—'}</b>
          ) : (
            <span className="quiet">— (a RedailCall entry has no Status)</span>
          )}
        </dd>
        <dt>started</dt>
        <dd>
          <code>{a.startTimeRaw ?? '—'}</code> <span className="quiet">as written</span>
          {a.zoneAmbiguous ? (
            <div className="ambiguous">
              no zone in the payload · read as {formatOffset(offset)} →{' '}
              <code>{a.startMs === null ? 'unreadable' : formatIsoUtc(a.startMs)}</code>
            </div>
          ) : (
            a.startMs !== null && <div className="quiet">UTC, as stated</div>
          )}
        </dd>
        <dt>ring type</dt>
        <dd>{a.ringType === '' ? '"" (empty)' : (a.ringType ?? '—')}</dd>
        <dt>ring time</dt>
        <dd>{a.ringTime === null ? '—' : `${a.ringTime} s`}</dd>
        <dt>hang-up</dt>
        <dd>{a.hangupType ?? '—'}</dd>
        <dt>{a.source === 'call' ? 'intention' : 'result label'}</dt>
        <dd>
          <b>{a.label ?? '—'}</b>
        </dd>
        <dt>CallID</dt>
        <dd>
          <code>{a.callId ?? '—'}</code>
        </dd>
        <dt>from</dt>
        <dd>
          <a href={formatRoute({ name: 'delivery', id: a.deliveryId })}>delivery #{a.deliveryId}</a>
          {a.call && (
            <>
              {' '}
              · <a href={formatRoute({ name: 'call', deliveryId: a.deliveryId, index: a.call.index })}>call {a.call.index}</a>
            </>
          )}
          {previous?.call && a.call && (
            <>
              {' '}
              ·{' '}
              <a
                href={formatRoute({
                  name: 'diff',
                  a: `call:${previous.deliveryId}/${previous.call.index}`,
                  b: `call:${a.deliveryId}/${a.call.index}`,
                })}
              >
                compare with attempt {position}'s call
              </a>
            </>
          )}
        </dd>
      </dl>
    </div>
  );
}
