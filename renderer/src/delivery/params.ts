// A query string or a form-encoded body as the name/value pairs a server reads from it, as
// webhook.site lists them: in order, repeated names kept, percent-decoded, `+` read as a space.
import { mediaType } from '../../../shared/media-type.js';

export type Param = readonly [name: string, value: string];

/** URLSearchParams does the decoding: a malformed `%zz` stays as written instead of failing the list. */
export function readParams(encoded: string): Param[] {
  return [...new URLSearchParams(encoded)];
}

/** The body is form-encoded only when its Content-Type says so: any text parses as parameters. */
export function isFormEncoded(contentType: string | null): boolean {
  return mediaType(contentType) === 'application/x-www-form-urlencoded';
}
