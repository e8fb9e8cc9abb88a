// The stored bytes in hex, one page at a time (see hex.ts), with a jump to any offset.
import { useMemo, useState } from 'react';
import { PAGE_BYTES, hexPage, pageCount, pageOf } from './hex.js';

export function HexView({ bytes }: { bytes: Uint8Array }) {
  const [page, setPage] = useState(0);
  const pages = pageCount(bytes.length);
  const rows = useMemo(() => hexPage(bytes, page), [bytes, page]);
  const [offset, setOffset] = useState('');

  return (
    <div className="hex-view">
      <div className="hex-bar">
        <button onClick={() => setPage(0)} disabled={page === 0}>
          ⇤
        </button>
        <button onClick={() => setPage(page - 1)} disabled={page === 0}>
          ‹ prev
        </button>
        <span>
          page {page + 1} of {pages} · bytes {page * PAGE_BYTES}–{Math.min(bytes.length, (page + 1) * PAGE_BYTES) - 1} of {bytes.length}
        </span>
        <button onClick={() => setPage(page + 1)} disabled={page >= pages - 1}>
          next ›
        </button>
        <button onClick={() => setPage(pages - 1)} disabled={page >= pages - 1}>
          ⇥
        </button>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const n = offset.trim().toLowerCase().startsWith('0x') ? parseInt(offset.trim().slice(2), 16) : Number(offset);
            if (Number.isFinite(n)) setPage(pageOf(n, bytes.length));
          }}
        >
          <input
            aria-label="go to byte offset"
            placeholder="offset (123 or 0x7b)"
            value={offset}
            onChange={(e) => setOffset(e.target.value)}
          />
        </form>
      </div>
      <pre className="hex-rows" aria-label="hex dump">
        {rows.map((r) => (
          <div key={r.offset}>
            <span className="hex-offset">{r.offset}</span> <span className="hex-bytes">{r.hex.padEnd(48)}</span>{' '}
            <span className="hex-ascii">{r.ascii}</span>
          </div>
        ))}
      </pre>
    </div>
  );
}
