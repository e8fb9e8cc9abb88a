// What happened to a delivery besides its body: the Sign check, the answer given, the vendor retries.
import { Fragment } from 'react';
import type { DeliveryDetail } from '../../../shared/model.js';
import { AnswerBadge, SignBadge } from '../common/badges.js';
import { formatGap, formatLocal } from '../common/format.js';
import { formatRoute } from '../routing/route.js';

export function SignFacts({ sign }: { sign: DeliveryDetail['signDetail'] }) {
  return (
    <dl className="facts">
      <dt>result</dt>
      <dd>
        <SignBadge status={sign.status} />
      </dd>
      <dt>scheme</dt>
      <dd>{sign.scheme}</dd>
      {sign.keySource && (
        <>
          <dt>KEY</dt>
          <dd>{sign.keySource === 'vendor-default' ? "vendor's default (none configured)" : "the endpoint's"}</dd>
        </>
      )}
      {sign.reason && (
        <>
          <dt>why</dt>
          <dd className="prose">{sign.reason}</dd>
        </>
      )}
      {sign.received !== undefined && (
        <>
          <dt>received</dt>
          <dd>
            <code>{sign.received}</code>
          </dd>
        </>
      )}
      {sign.expected !== undefined && (
        <>
          <dt>expected</dt>
          <dd>
            <code>{sign.expected}</code>
          </dd>
        </>
      )}
      {sign.signed !== undefined && (
        <>
          <dt>signed</dt>
          <dd>
            <code>{sign.signed}</code>
          </dd>
        </>
      )}
      {sign.warnings?.map((w, i) => (
        <Fragment key={i}>
          <dt>warning</dt>
          <dd className="prose sign-warning">{w}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

export function AnswerFacts({ response }: { response: DeliveryDetail['response'] }) {
  return (
    <dl className="facts">
      <dt>status</dt>
      <dd>
        <AnswerBadge status={response.status} />
      </dd>
      <dt>why</dt>
      <dd>{response.reason}</dd>
      {response.delayMs > 0 && (
        <>
          <dt>delay</dt>
          <dd>{response.delayMs} ms</dd>
        </>
      )}
      {response.hung && (
        <>
          <dt>hung</dt>
          <dd>never answered</dd>
        </>
      )}
    </dl>
  );
}

/** The vendor-retry group: every arrival of the same body, with the spacing the contract says is ~60 s. */
export function RetryGroup({ current, group }: { current: number; group: DeliveryDetail['retryGroup'] }) {
  if (group.length <= 1) return <p className="quiet">Arrived once: no vendor retries.</p>;
  return (
    <ol className="retry-group comparable">
      {group.map((g) => (
        <li key={g.id} className={g.id === current ? 'current' : ''}>
          <a href={formatRoute({ name: 'delivery', id: g.id })}>attempt {g.attempt}</a>
          <span>{formatLocal(g.receivedAt)}</span>
          <span className="gap">{g.gapMs === null ? 'first' : formatGap(g.gapMs)}</span>
          <AnswerBadge status={g.responseStatus} />
          {g.id === current ? (
            <span />
          ) : (
            <a
              className="compare"
              href={formatRoute({ name: 'diff', a: String(current), b: String(g.id) })}
              title={`compare with attempt ${g.attempt}`}
              aria-label={`compare with attempt ${g.attempt}`}
            >
              ⇄
            </a>
          )}
        </li>
      ))}
    </ol>
  );
}

export function HeadersTable({ headers }: { headers: Array<[string, string]> }) {
  return (
    <table className="kv">
      <tbody>
        {headers.map(([name, value], i) => (
          <tr key={i}>
            <th>{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
