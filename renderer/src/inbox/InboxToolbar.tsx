// The inbox's filters and search box. Field syntax in the search box narrows by exact values; what it
// could not read as a field is said under the toolbar.
import { forwardRef, useEffect, useMemo, useState } from 'react';
import type { DeliveryFilter } from '../../../shared/api.js';
import { readSearch } from '../../../shared/search-syntax.js';
import { EndpointSelect } from '../endpoints/EndpointSelect.js';
import { SearchBox } from './SearchBox.js';

export type SummaryFilter = Pick<DeliveryFilter, 'endpoint' | 'kind' | 'hasProblems' | 'sign' | 'from' | 'to'>;

interface Props {
  value: SummaryFilter;
  onChange(next: SummaryFilter): void;
  search: string;
  onSearch(text: string): void;
  /** ArrowDown in the search box hands the keyboard to the list. */
  onLeaveSearch(): void;
  count: string;
}

const RANGES: Array<[string, number]> = [
  ['last 15 min', 15 * 60_000],
  ['last hour', 3_600_000],
  ['last 24 h', 86_400_000],
  ['last 7 days', 7 * 86_400_000],
];

/** `datetime-local` values are local wall-clock times. */
const toInput = (ms: number | undefined) => {
  if (ms === undefined) return '';
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};
const fromInput = (v: string) => (v ? new Date(v).getTime() : undefined);

export const InboxToolbar = forwardRef<HTMLInputElement, Props>(function InboxToolbar(
  { value, onChange, search, onSearch, onLeaveSearch, count },
  searchRef,
) {
  const [text, setText] = useState(search);
  useEffect(() => setText(search), [search]);
  // One query per pause in typing, not per keystroke.
  useEffect(() => {
    if (text === search) return;
    const t = setTimeout(() => onSearch(text), 250);
    return () => clearTimeout(t);
  }, [text, search, onSearch]);

  // Of what is searched (after the pause in typing), not of every keystroke: `kind:c` on its way to
  // `kind:call-end` is no mistake yet.
  const { unknownFields, problems } = useMemo(() => readSearch(search), [search]);
  const hints = [...unknownFields, ...problems.map((p) => `${p} (searched as text)`)];

  const set = <K extends keyof SummaryFilter>(key: K, v: SummaryFilter[K] | '') => onChange({ ...value, [key]: v === '' ? undefined : v });

  return (
    <div className="toolbar">
      <SearchBox ref={searchRef} text={text} onText={setText} onSubmit={() => onSearch(text)} onLeave={onLeaveSearch} />
      <EndpointSelect value={value.endpoint ?? ''} onChange={(name) => set('endpoint', name)} />
      <select aria-label="kind" value={value.kind ?? ''} onChange={(e) => set('kind', e.target.value as SummaryFilter['kind'])}>
        <option value="">any kind</option>
        <option value="call-end">call-end</option>
        <option value="json">other JSON</option>
        <option value="not-json">not JSON</option>
      </select>
      <select
        aria-label="problems"
        value={value.hasProblems ?? ''}
        onChange={(e) => set('hasProblems', e.target.value as SummaryFilter['hasProblems'])}
      >
        <option value="">problems: any</option>
        <option value="errors">with errors</option>
        <option value="warnings">errors or warnings</option>
        <option value="notes">errors, warnings or notes</option>
        <option value="none" title="no errors or warnings; notes allowed (the vendor's own example has them)">
          without problems
        </option>
      </select>
      <select aria-label="sign" value={value.sign ?? ''} onChange={(e) => set('sign', e.target.value as SummaryFilter['sign'])}>
        <option value="">Sign: any</option>
        <option value="verified">verified</option>
        <option value="mismatch">mismatch</option>
        <option value="not-checked">not checked</option>
      </select>
      <select
        aria-label="time range"
        value=""
        onChange={(e) => {
          const span = Number(e.target.value);
          onChange({ ...value, from: span ? Date.now() - span : undefined, to: undefined });
        }}
      >
        <option value="" disabled>
          time…
        </option>
        <option value="0">any time</option>
        {RANGES.map(([label, span]) => (
          <option key={label} value={span}>
            {label}
          </option>
        ))}
      </select>
      <label className="range">
        from <input type="datetime-local" value={toInput(value.from)} onChange={(e) => set('from', fromInput(e.target.value))} />
      </label>
      <label className="range">
        to <input type="datetime-local" value={toInput(value.to)} onChange={(e) => set('to', fromInput(e.target.value))} />
      </label>
      <span className="count">{count}</span>
      {/* Always there, empty when all is well: a live region is announced when it changes, not when it appears. */}
      <ul className="search-hints" role="status" aria-label="search hints">
        {hints.map((h) => (
          <li key={h}>{h}</li>
        ))}
      </ul>
    </div>
  );
});
