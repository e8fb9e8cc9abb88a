// The inbox: every delivery, newest first, live. Stays mounted while other screens are open so that
// coming back keeps the scroll position, the loaded pages and the selection.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DeliveryFilter } from '../../../shared/api.js';
import { parseSearch } from '../../../shared/search-syntax.js';
import { navigate } from '../routing/use-route.js';
import { BulkResendBar } from '../resend/BulkResendBar.js';
import { useHiddenColumns } from './column-choice.js';
import { ColumnChooser } from './ColumnChooser.js';
import { COLUMNS } from './columns.js';
import { ExportButtons } from './ExportButtons.js';
import { InboxList } from './InboxList.js';
import { InboxToolbar, type SummaryFilter } from './InboxToolbar.js';
import { useBacklog } from './use-backlog.js';
import { useInbox } from './use-inbox.js';

const COLUMN_IDS = COLUMNS.map((c) => c.id);
const deliveries = (n: number) => (n === 1 ? 'delivery' : 'deliveries');

const isTyping = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(t.tagName));

export function InboxScreen({ active, q }: { active: boolean; q: string }) {
  const [summary, setSummary] = useState<SummaryFilter>({});
  const [search, setSearch] = useState(q);
  // A link such as #/inbox?q=CallID:… sets the search; plain #/inbox keeps what the user typed.
  useEffect(() => {
    if (q) setSearch(q);
  }, [q]);
  const filter: DeliveryFilter = useMemo(() => ({ ...summary, ...parseSearch(search) }), [summary, search]);
  const inbox = useInbox(filter);
  const { hidden, toggle } = useHiddenColumns(COLUMN_IDS);
  const columns = useMemo(() => COLUMNS.filter((c) => !hidden.has(c.id)), [hidden]);
  const backlog = useBacklog();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const selectedIndex = selectedId === null ? -1 : inbox.indexOf(selectedId);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !isTyping(e.target)) {
        e.preventDefault();
        searchRef.current?.focus();
        return;
      }
      if (isTyping(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        // The next row is in the margin fetched around the view; while it is still a placeholder the key does nothing.
        const next = Math.min(inbox.length - 1, Math.max(0, selectedIndex + (e.key === 'ArrowDown' ? 1 : -1)));
        const row = inbox.rowAt(next);
        if (row) setSelectedId(row.id);
      } else if (e.key === 'Enter' && selectedId !== null && selectedIndex >= 0) {
        e.preventDefault();
        navigate({ name: 'delivery', id: selectedId });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, inbox, selectedIndex, selectedId]);

  const leaveSearch = useCallback(() => {
    searchRef.current?.blur();
    const first = inbox.rowAt(0);
    if (selectedId === null && first) setSelectedId(first.id);
  }, [selectedId, inbox]);

  const n = inbox.length;
  const total = inbox.total;
  // The exact total once counted; until then what the first page says.
  const count =
    total !== null
      ? `${total.toLocaleString('en')} ${deliveries(total)}`
      : `${n}${inbox.hasMore ? '+' : ''} ${n === 1 && !inbox.hasMore ? 'delivery' : 'deliveries'}`;
  return (
    <section className="screen inbox" hidden={!active}>
      <InboxToolbar
        ref={searchRef}
        value={summary}
        onChange={setSummary}
        search={search}
        onSearch={setSearch}
        onLeaveSearch={leaveSearch}
        count={count}
      />
      <div className="inbox-actions">
        {/* Nothing to send while no row is known yet, loading or not: it never offers "0 deliveries". */}
        <BulkResendBar filter={filter} shown={count} total={total} empty={n === 0} />
        <ExportButtons filter={filter} />
        <ColumnChooser columns={COLUMNS} hidden={hidden} onToggle={toggle} />
      </div>
      {backlog > 0 && (
        <div className="backlog-bar" role="status">
          {backlog.toLocaleString('en')} {backlog === 1 ? 'delivery' : 'deliveries'} stored and still being read: each appears here once it
          is.
        </div>
      )}
      {inbox.error && <div className="error-bar">Could not load deliveries: {inbox.error.message}</div>}
      <InboxList
        // A new filter is a new list, from its top.
        key={JSON.stringify(filter)}
        length={n}
        rowAt={inbox.rowAt}
        insertedAbove={inbox.insertedAbove}
        columns={columns}
        attempts={inbox.attempts}
        selectedIndex={selectedIndex}
        selectedId={selectedId}
        loading={inbox.loading}
        onSelect={setSelectedId}
        onView={inbox.view}
      />
    </section>
  );
}
