// Applies Content-Encoding to a body we are about to send (the inverse of ingest's decoding), so an
// edited or re-signed copy of a gzip delivery goes out gzip again, as its header says.
import zlib from 'node:zlib';

export type Encoded = { ok: true; bytes: Buffer } | { ok: false; error: string };

/** `header` lists codings in the order they are applied (RFC 9110 §8.4). */
export function applyContentEncoding(content: Uint8Array, header: string | null): Encoded {
  let bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const codings = (header ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  for (const coding of codings) {
    if (coding === 'gzip' || coding === 'x-gzip') bytes = zlib.gzipSync(bytes);
    else if (coding === 'deflate') bytes = zlib.deflateSync(bytes);
    else if (coding === 'br') bytes = zlib.brotliCompressSync(bytes);
    else
      return {
        ok: false,
        error: `cannot apply Content-Encoding "${coding}" (gzip, deflate and br can be applied); remove the header or send the body as base64`,
      };
  }
  return { ok: true, bytes };
}
