// Derived JSON kept deflated: problem messages and Sign details are long, repetitive text that would
// otherwise be most of a delivery row (measured: the store went from 2.27x to under 2x the raw bytes).
import { deflateRawSync, inflateRawSync } from 'node:zlib';

export function packJson(value: unknown): Buffer {
  return deflateRawSync(JSON.stringify(value));
}

export function unpackJson(packed: Buffer): unknown {
  return JSON.parse(inflateRawSync(packed).toString('utf8'));
}
