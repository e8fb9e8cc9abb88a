// Two bodies compared (#/diff?a=12&b=example): pick each side (a delivery id, call:<id>/<index>,
// send:<attempt id> or example), read the differences grouped by where they are, with both values. Payload text is shown
// as text nodes only.
import { useState, type FormEvent } from 'react';
import { parseDiffRef } from '../../../shared/diff/diff-source.js';
import type { BodyDiff, DiffSide } from '../../../shared/diff/body-diff.js';
import { useApi, useAsync } from '../api/context.js';
import { formatBytes } from '../common/format.js';
import { navigate } from '../routing/use-route.js';
import { DiffList } from './DiffList.js';
import { deliveryHrefOf, normaliseRef } from './diff-groups.js';
import './diff.css';

export function DiffScreen({ a, b }: { a: string; b: string }) {
  return (
    <section className="screen diff">
      <SidePicker a={a} b={b} />
      {a && b ? (
        <DiffResult a={a} b={b} />
      ) : (
        <p className="screen message">Pick two bodies to compare: a delivery id (12), a re-send attempt (send:4) or example.</p>
      )}
    </section>
  );
}

function SidePicker({ a, b }: { a: string; b: string }) {
  const [sideA, setSideA] = useState(a);
  const [sideB, setSideB] = useState(b);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate({ name: 'diff', a: sideA.trim(), b: sideB.trim() });
  };
  return (
    <form className="screen-head diff-pick" onSubmit={submit}>
      <a href="#/inbox" className="back">
        ← Inbox
      </a>
      <h1>Compare bodies</h1>
      <label>
        A <input aria-label="side A" value={sideA} onChange={(e) => setSideA(e.target.value)} placeholder="12, send:4 or example" />
      </label>
      <button type="button" title="swap A and B" onClick={() => navigate({ name: 'diff', a: sideB.trim(), b: sideA.trim() })}>
        ⇄
      </button>
      <label>
        B <input aria-label="side B" value={sideB} onChange={(e) => setSideB(e.target.value)} placeholder="12, send:4 or example" />
      </label>
      <button type="submit" className="primary">
        Compare
      </button>
      <span className="meta">
        a delivery id, call:&lt;id&gt;/&lt;index&gt; (one call), send:&lt;attempt id&gt; (a re-send's body) or example
      </span>
    </form>
  );
}

function DiffResult({ a, b }: { a: string; b: string }) {
  const api = useApi();
  const sourceA = parseDiffRef(a);
  const sourceB = parseDiffRef(b);
  const loaded = useAsync(() => (sourceA && sourceB ? api.diffBodies({ a: sourceA, b: sourceB }) : Promise.resolve(null)), [api, a, b]);
  const bad = [!sourceA && a, !sourceB && b].filter((x): x is string => typeof x === 'string');
  if (bad.length)
    return (
      <div className="screen message error-bar">
        {bad.map((r) => `"${r}"`).join(' and ')}: not a delivery id, call:&lt;id&gt;/&lt;index&gt;, send:&lt;attempt id&gt; or example.
      </div>
    );
  if (loaded.status === 'loading') return <div className="screen message">Comparing…</div>;
  if (loaded.status === 'error') {
    // The core names the side ("b: there is no delivery 999"): said as the form names it, side B.
    const text = loaded.error.message
      .replace(/^invalid input for diffBodies: /, '')
      .replace(/\b([ab]): /g, (_, side: string) => `side ${side.toUpperCase()}: `);
    return <div className="screen message error-bar">Could not compare: {text}</div>;
  }
  if (!loaded.value) return null;
  return <DiffView diff={loaded.value} refs={[normaliseRef(a) ?? a, normaliseRef(b) ?? b]} />;
}

function DiffView({ diff, refs }: { diff: BodyDiff; refs: [string, string] }) {
  return (
    <div className="screen scroll diff-body">
      <div className="diff-sides">
        <SideFacts name="A" side={diff.a} href={deliveryHrefOf(refs[0])} />
        <SideFacts name="B" side={diff.b} href={deliveryHrefOf(refs[1])} />
      </div>
      <p className={`diff-summary ${diff.equal ? 'equal' : 'different'}`} data-testid="diff-summary">
        {diff.mode === 'json' && !diff.equal ? (
          <>
            {diff.counts.total} difference{diff.counts.total === 1 ? '' : 's'} <CountBadges diff={diff} />
          </>
        ) : (
          diff.summary
        )}
      </p>
      {diff.mode === 'json' ? <DiffList diff={diff} /> : diff.firstDifference && <FirstDifferenceView diff={diff} />}
    </div>
  );
}

function SideFacts({ name, side, href }: { name: string; side: DiffSide; href: string | null }) {
  return (
    <div className="diff-side">
      <div className="diff-side-title">
        <span className="badge">{name}</span> {href ? <a href={href}>{side.label}</a> : <span>{side.label}</span>}
      </div>
      <div className="quiet">
        {formatBytes(side.size)} · {side.format === 'json' ? 'JSON' : side.format === 'text' ? 'text, not JSON' : 'binary'}
      </div>
      {side.notJson && <div className="invalid-note">not JSON: {side.notJson}</div>}
      {side.notes.map((n, i) => (
        <div key={i} className="quiet">
          {n}
        </div>
      ))}
    </div>
  );
}

const KIND_WORDS = { changed: 'changed', 'type-changed': 'type changed', added: 'added', removed: 'removed', moved: 'moved' } as const;

function CountBadges({ diff }: { diff: BodyDiff }) {
  return (
    <span className="diff-counts">
      {(Object.keys(KIND_WORDS) as Array<keyof typeof KIND_WORDS>)
        .filter((k) => diff.counts[k] > 0)
        .map((k) => (
          <span key={k} className={`badge diff-${k}`}>
            {diff.counts[k]} {KIND_WORDS[k]}
          </span>
        ))}
    </span>
  );
}

function FirstDifferenceView({ diff }: { diff: BodyDiff }) {
  const f = diff.firstDifference!;
  if (diff.mode === 'bytes')
    return (
      <p>
        First differing byte at offset <b>{f.offset}</b>.
      </p>
    );
  return (
    <table className="kv diff-first">
      <tbody>
        <tr>
          <th>where</th>
          <td>
            line {f.line}, column {f.column}
          </td>
        </tr>
        <tr>
          <th>A, line {f.line}</th>
          <td>
            <pre className="diff-value">{f.aLine ?? '(past the end)'}</pre>
          </td>
        </tr>
        <tr>
          <th>B, line {f.line}</th>
          <td>
            <pre className="diff-value">{f.bLine ?? '(past the end)'}</pre>
          </td>
        </tr>
      </tbody>
    </table>
  );
}
