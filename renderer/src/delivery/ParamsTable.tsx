// Name/value pairs (a query string, a form body) as a table. Names and values are payload text:
// rendered as text, never as HTML.
import { useState } from 'react';
import type { Param } from './params.js';

/** Rows laid out at first: a body of 100,000 fields must not stall the screen before anyone asks. */
const FIRST = 1000;

export function ParamsTable({ params, label }: { params: Param[]; label: string }) {
  const [all, setAll] = useState(false);
  if (params.length === 0) return <p className="quiet">No parameters.</p>;
  const shown = all ? params : params.slice(0, FIRST);
  return (
    <>
      <table className="kv params" aria-label={label}>
        <thead>
          <tr>
            <th>name</th>
            <th>value</th>
          </tr>
        </thead>
        <tbody>
          {shown.map(([name, value], i) => (
            <tr key={i}>
              <th>{name}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length < params.length && (
        <button type="button" onClick={() => setAll(true)}>
          show all {params.length.toLocaleString('en-US')} parameters
        </button>
      )}
    </>
  );
}
