// Small status marks used across screens; colour always comes with a word, never alone.
import type { StoredKind, SignStatus } from '../../../shared/model.js';

export function SignBadge({ status }: { status: SignStatus }) {
  const text = { verified: 'Sign ✓', mismatch: 'Sign ✗', 'not-checked': 'Sign –' }[status];
  const tone = { verified: 'ok', mismatch: 'bad', 'not-checked': 'muted' }[status];
  return (
    <span className={`badge ${tone}`} title={`Sign ${status}`}>
      {text}
    </span>
  );
}

/** Notes (what the vendor's own example does too) are grey: a delivery with only notes is not a yellow row. */
export function ProblemsBadge({ errors, warnings, notes }: { errors: number; warnings: number; notes: number }) {
  if (errors === 0 && warnings === 0 && notes === 0) return <span className="badge muted">ok</span>;
  const n = (count: number) => count.toLocaleString('en-US');
  return (
    <span
      className="problems"
      title={`${n(errors)} errors, ${n(warnings)} warnings, ${n(notes)} notes (notes: what the vendor's own example does too)`}
    >
      {errors > 0 && <span className="badge bad">{n(errors)} err</span>}
      {warnings > 0 && <span className="badge warn">{n(warnings)} warn</span>}
      {notes > 0 && <span className="badge note">{n(notes)} note</span>}
    </span>
  );
}

export function KindBadge({ kind }: { kind: StoredKind }) {
  return <span className={`badge kind-${kind}`}>{kind}</span>;
}

/** The HTTP status the receiver answered with; `hung` when it never answered. */
export function AnswerBadge({ status }: { status: number | null }) {
  if (status === null)
    return (
      <span className="badge warn" title="no answer given (hang or abort)">
        none
      </span>
    );
  return <span className={`badge ${status >= 200 && status < 300 ? 'ok' : 'bad'}`}>{status}</span>;
}
