// Contract problems with their JSON paths; choosing one moves the body view to that spot.
// A body with thousands of calls can carry a thousand problems: the first ones show, the rest on request.
import { useState } from 'react';
import type { Problem, Severity } from '../../../shared/model.js';
import { countProblems, listedProblems } from '../../../shared/problem-counts.js';
import { problemOrder } from './problem-order.js';

const FIRST = 50;
const TONE: Record<Severity, string> = { error: 'bad', warning: 'warn', note: 'note' };
const n = (count: number) => count.toLocaleString('en-US');

/** Counts every problem, those past the contract check's limit too; says how many are listed one by one. */
export function ProblemsHeading({ problems }: { problems: Problem[] }) {
  const { errors, warnings, notes } = countProblems(problems);
  const total = errors + warnings + notes;
  const listed = listedProblems(problems);
  return (
    <h2>
      Problems ({n(total)}
      {listed < total ? ` · ${n(listed)} listed` : ''})
    </h2>
  );
}

export function ProblemsList({ problems, onJump }: { problems: Problem[]; onJump(path: string): void }) {
  const [all, setAll] = useState(false);
  if (problems.length === 0) return <p className="quiet">No problems: the body matches the contract.</p>;
  const sorted = problemOrder(problems);
  const shown = all ? sorted : sorted.slice(0, FIRST);
  return (
    <ul className="problems-list">
      {shown.map((p, i) => (
        <li key={i}>
          <button className={`problem ${p.severity}`} onClick={() => onJump(p.path)} title="show in the body">
            <span className={`badge ${TONE[p.severity]}`}>{p.severity}</span>
            <code className="path">{p.path}</code>
            <span className="code">{p.code}</span>
            <span className="message">{p.message}</span>
          </button>
        </li>
      ))}
      {shown.length < sorted.length && (
        <li>
          <button onClick={() => setAll(true)}>show all {sorted.length} problems</button>
        </li>
      )}
    </ul>
  );
}
