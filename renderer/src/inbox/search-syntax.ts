// The inbox search box: `CallID:x CalleeNumber:x TaskID:x Status:x Intention:x` become exact field
// filters (index look-ups); every other word is full-text search. Values may be quoted: `Intention:"--"`.
import type { DeliveryFilter } from '../../../shared/api.js';

export type SearchFields = Pick<DeliveryFilter, 'text' | 'callId' | 'callee' | 'taskId' | 'status' | 'intention'>;

const FIELDS: Record<string, Exclude<keyof SearchFields, 'text'>> = {
  callid: 'callId',
  calleenumber: 'callee',
  taskid: 'taskId',
  status: 'status',
  intention: 'intention',
};

/** A token is `Name:"quoted value"`, `Name:value`, a quoted phrase or a bare word. */
const TOKEN = /([A-Za-z_]+):"([^"]*)"|([A-Za-z_]+):(\S+)|"[^"]*"|\S+/g;

export function parseSearch(input: string): SearchFields {
  const out: SearchFields = {};
  const text: string[] = [];
  for (const m of input.matchAll(TOKEN)) {
    const name = (m[1] ?? m[3])?.toLowerCase();
    const value = m[2] ?? m[4];
    const field = name === undefined ? undefined : FIELDS[name];
    if (field && value) out[field] = value;
    else text.push(m[0]);
  }
  if (text.length) out.text = text.join(' ');
  return out;
}
