// Shows a parsed payload value as text: strings as written, numbers with their exact digits, objects
// as nested key/value tables, arrays of objects folded. Nothing here is ever markup or a link.
import { stringify } from 'lossless-json';
import { isJsonObject, isLosslessNumber, type JsonValue } from '../../../shared/contract/json-value.js';

export function JsonValueView({ value }: { value: JsonValue | undefined }) {
  if (value === undefined) return <span className="absent">absent</span>;
  if (value === null) return <span className="json-null">null</span>;
  if (typeof value === 'string')
    return value === '' ? <span className="absent">"" (empty)</span> : <span className="json-string">{value}</span>;
  if (typeof value === 'boolean') return <span className="json-literal">{String(value)}</span>;
  if (isLosslessNumber(value)) return <span className="json-number">{value.value}</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="absent">[] (empty)</span>;
    if (value.every((v) => !isJsonObject(v) && !Array.isArray(v))) {
      return (
        <span>
          {value.map((v, i) => (
            <span key={i} className="list-item">
              <JsonValueView value={v} />
            </span>
          ))}
        </span>
      );
    }
    return (
      <details>
        <summary>{value.length} entries</summary>
        <pre className="json-block">{stringify(value, undefined, 2)}</pre>
      </details>
    );
  }
  if (isJsonObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return <span className="absent">{'{}'} (empty)</span>;
    return (
      <table className="kv nested">
        <tbody>
          {keys.map((k) => (
            <tr key={k}>
              <th>{k}</th>
              <td>
                <JsonValueView value={value[k]} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return null;
}
