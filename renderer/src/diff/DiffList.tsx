// The differences of a JSON diff, grouped under the object or array that holds them, each with the
// value on side A and on side B (containers pretty-printed losslessly). Text nodes only.
import type { BodyDiff } from '../../../shared/diff/body-diff.js';
import { prettyJson } from '../delivery/pretty-json.js';
import { groupByHolder } from './diff-groups.js';

const WORD = { changed: 'changed', 'type-changed': 'type changed', added: 'added', removed: 'removed', moved: 'moved' } as const;

export function DiffList({ diff }: { diff: BodyDiff }) {
  const groups = groupByHolder(diff.differences);
  return (
    <div className="diff-list">
      {groups.map((g) => (
        <section key={g.path} className="diff-group">
          <h2 className="diff-holder">
            <code>{g.path === '$' ? '$ (top level)' : g.path}</code>
          </h2>
          <table className="grid diff-table">
            <thead>
              <tr>
                <th>what</th>
                <th>member</th>
                <th>A</th>
                <th>B</th>
              </tr>
            </thead>
            <tbody>
              {g.items.map(({ member, difference: d }, i) => (
                <tr key={i} className={`diff-row diff-${d.kind}`} data-path={d.path}>
                  <td>
                    <span className={`badge diff-${d.kind}`}>{WORD[d.kind]}</span>
                  </td>
                  <td className="diff-member">
                    <code>{member}</code>
                    {d.to && (
                      <div className="quiet">
                        → <code>{d.to}</code>
                      </div>
                    )}
                    {d.note && <div className="quiet">{d.note}</div>}
                  </td>
                  <td>
                    <Value text={d.a} type={d.aType} absent={d.kind === 'added' ? 'absent' : null} />
                  </td>
                  <td>
                    {d.kind === 'moved' ? (
                      <span className="quiet">
                        the same value, at <code>{d.to}</code>
                      </span>
                    ) : (
                      <Value text={d.b} type={d.bType} absent={d.kind === 'removed' ? 'absent' : null} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {diff.omitted > 0 && (
        <p className="quiet">
          … and {diff.omitted} more differences not listed (the first {diff.differences.length} are).
        </p>
      )}
    </div>
  );
}

function Value({ text, type, absent }: { text: string | undefined; type: string | undefined; absent: string | null }) {
  if (text === undefined) return <span className="absent">{absent ?? '—'}</span>;
  return (
    <div>
      <pre className="diff-value">{readable(text)}</pre>
      {type && <span className="diff-type">{type}</span>}
    </div>
  );
}

/** Containers pretty-printed (numbers keep their digits); a value cut short stays as it is. */
function readable(text: string): string {
  if (!(text.startsWith('{') || text.startsWith('[')) || text.endsWith('…')) return text;
  const pretty = prettyJson(text);
  return pretty.ok ? pretty.text : text;
}
