// What a side of a diff can be: a stored delivery, one call (Details entry) of it, the body a re-send
// attempt sent, the contract's example, or text or bytes given with the request (a file the caller
// read); and the short reference the CLI and the UI's address use for the stored ones and the example
// (`12`, `call:12/0`, `send:4`, `example`).
import { z } from 'zod';
import { id } from '../api-schemas.js';

/** A `bytes` side holds at most this many bytes: the receiver's default body limit. */
export const DIFF_BYTES = 32 * 1024 * 1024;

export const diffSource = z.discriminatedUnion('source', [
  z.object({ source: z.literal('delivery'), id }).strict(),
  /** One Details[] entry of a delivery: two calls of one callee compared. */
  z.object({ source: z.literal('call'), deliveryId: id, index: z.number().int().min(0) }).strict(),
  /** The request body a re-send attempt sent (as sent: edited, re-signed). */
  z.object({ source: z.literal('send'), id }).strict(),
  z.object({ source: z.literal('example') }).strict(),
  z.object({ source: z.literal('text'), text: z.string().max(8_000_000), label: z.string().max(200).optional() }).strict(),
  /** Exact bytes, decoded as a body that came without headers would be: the CLI's file sides. */
  z
    .object({ source: z.literal('bytes'), base64: z.string().max(Math.ceil(DIFF_BYTES / 3) * 4), label: z.string().max(1000).optional() })
    .strict(),
]);
export type DiffSource = z.infer<typeof diffSource>;

/** `12` → delivery 12, `call:12/0` → its Details[0], `send:4` → attempt 4, `example` → the contract's example; else null. */
export function parseDiffRef(ref: string): DiffSource | null {
  const r = ref.trim();
  if (/^[1-9]\d{0,15}$/.test(r)) return { source: 'delivery', id: Number(r) };
  const call = /^call:([1-9]\d{0,15})\/(0|[1-9]\d{0,8})$/i.exec(r);
  if (call) return { source: 'call', deliveryId: Number(call[1]), index: Number(call[2]) };
  const send = /^send:([1-9]\d{0,15})$/i.exec(r);
  if (send) return { source: 'send', id: Number(send[1]) };
  if (r.toLowerCase() === 'example') return { source: 'example' };
  return null;
}

/** The reference parseDiffRef reads back; null for text and bytes, which have none. */
export function formatDiffRef(source: DiffSource): string | null {
  switch (source.source) {
    case 'delivery':
      return String(source.id);
    case 'call':
      return `call:${source.deliveryId}/${source.index}`;
    case 'send':
      return `send:${source.id}`;
    case 'example':
      return 'example';
    case 'text':
    case 'bytes':
      return null;
  }
}
