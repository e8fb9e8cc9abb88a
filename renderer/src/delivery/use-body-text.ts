// A body's text for the Text and Form tabs, decoded from its UTF-8 a megabyte per task after the
// screen is drawn, so that neither opening the delivery nor the Text tab waits for all of it (33.5 MB
// took ~60 ms in one go). A small body is decoded at once.
import { useEffect, useMemo, useState } from 'react';
import type { RawBody } from '../../../shared/api.js';
import { rawBodyText, rawBodyUtf8, utf8Decoder } from '../../../shared/raw-body-text.js';

const SLICE_BYTES = 1024 * 1024;

/** The text; null when the body is not text; undefined while it is being decoded. */
export function useBodyText(body: RawBody): string | null | undefined {
  const utf8 = useMemo(() => rawBodyUtf8(body), [body]);
  const big = utf8 !== null && utf8.byteLength > SLICE_BYTES;
  const atOnce = useMemo(() => (big ? undefined : rawBodyText(body)), [big, body]);
  const [decoded, setDecoded] = useState<{ of: Uint8Array; text: string } | null>(null);
  useEffect(() => {
    if (!big) return;
    const decoder = utf8Decoder();
    const parts: string[] = [];
    let at = 0;
    let timer: ReturnType<typeof setTimeout>;
    const step = () => {
      const end = Math.min(utf8.byteLength, at + SLICE_BYTES);
      parts.push(decoder.decode(utf8.subarray(at, end), { stream: end < utf8.byteLength }));
      at = end;
      if (at < utf8.byteLength) timer = setTimeout(step, 0);
      else setDecoded({ of: utf8, text: parts.join('') });
    };
    timer = setTimeout(step, 0);
    return () => clearTimeout(timer);
  }, [big, utf8]);
  if (!big) return atOnce;
  return decoded?.of === utf8 ? decoded.text : undefined;
}
