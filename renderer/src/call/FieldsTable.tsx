// All 34 contract fields of a call, grouped, each with its documentation; fields outside the
// contract are listed apart so they stand out.
import type { JsonObject } from '../../../shared/contract/json-value.js';
import { FIELD_GROUPS, fieldRows, type FieldRow } from './call-fields.js';
import { JsonValueView } from './JsonValueView.js';

export function FieldsTable({ call }: { call: JsonObject }) {
  const rows = fieldRows(call);
  const byName = new Map(rows.map((r) => [r.name, r]));
  const extras = rows.filter((r) => r.spec === null);
  const present = rows.filter((r) => r.spec && r.value !== undefined).length;
  return (
    <div className="fields">
      <p className="quiet">
        {present} of 34 contract fields present{extras.length ? `, ${extras.length} outside the contract` : ''}.
      </p>
      {FIELD_GROUPS.map((g) => (
        <FieldGroup key={g.title} title={g.title} rows={g.names.map((n) => byName.get(n)!)} />
      ))}
      {extras.length > 0 && <FieldGroup title="Not in the contract" rows={extras} />}
    </div>
  );
}

function FieldGroup({ title, rows }: { title: string; rows: FieldRow[] }) {
  return (
    <>
      <h2>{title}</h2>
      <table className="kv fields-table">
        <tbody>
          {rows.map((r) => (
            <tr key={r.name} className={r.value === undefined ? 'missing' : ''}>
              <th title={r.spec?.note ?? 'not defined by the contract'}>
                {r.name}
                {r.spec && (
                  <span className="field-type">
                    {r.spec.type}
                    {r.spec.required === true ? ' · required' : ''}
                  </span>
                )}
              </th>
              <td>
                <JsonValueView value={r.value} />
              </td>
              <td className="note">{r.spec?.note ?? 'Not defined by the contract.'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
