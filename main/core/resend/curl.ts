// "Copy as curl": a shell command that makes curl send the same request: same method, header pairs
// in order, body bytes. Every argument is quoted (shell-quote.ts: single quotes, or $'…' with escapes
// when it holds control or bidi characters, which would otherwise print raw). `--globoff`: a path
// such as /hooks/x/[1-1000000] is a URL glob to curl, and would make it send a million requests.
// Bodies that cannot travel in an argument (not UTF-8, NUL or other control bytes, over 64 KB) go in
// a file read with `--data-binary @file`.
import type { CurlCommand } from '../../../shared/model.js';
import { shellQuote, shellQuoteHeader } from './shell-quote.js';

const INLINE_LIMIT = 64 * 1024;
/** Set by the transport or by curl itself; copying them would send them twice or wrong. */
const SKIP = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive']);

export interface CurlRequest {
  url: string;
  method: string;
  headers: ReadonlyArray<readonly [string, string]>;
  body: Uint8Array;
}

/** `bodyFileName` is used only when the body must go in a file; the caller writes the file. */
export function curlCommand(req: CurlRequest, bodyFileName: string): CurlCommand {
  const args: string[] = ['curl', '-sS', '--globoff'];
  const names = new Set(req.headers.map(([n]) => n.toLowerCase()));
  const hasBody = req.body.byteLength > 0 || !['GET', 'HEAD'].includes(req.method);
  // --data-* implies POST; anything else must be said.
  if (req.method !== 'POST' || !hasBody) args.push('-X', shellQuote(req.method));
  const url = URL.canParse(req.url) ? new URL(req.url) : null;
  // As the transport would send it (normalised, percent-encoded): no raw character from a path.
  args.push('--url', shellQuote(url?.href ?? req.url));
  const host = url?.host;
  for (const [name, value] of req.headers) {
    const n = name.toLowerCase();
    if (SKIP.has(n) && !(n === 'host' && value !== host)) continue;
    // `Name:` would remove the header; `Name;` is curl's way to send it empty.
    args.push('-H', shellQuoteHeader(value === '' ? `${name};` : `${name}: ${value}`));
  }
  // curl adds these unless told not to; the original request did not carry them.
  if (!names.has('user-agent')) args.push('-H', shellQuote('User-Agent:'));
  if (!names.has('accept')) args.push('-H', shellQuote('Accept:'));
  if (hasBody && !names.has('content-type')) args.push('-H', shellQuote('Content-Type:'));

  let bodyFile: CurlCommand['bodyFile'] = null;
  if (hasBody) {
    const text = inlineText(req.body);
    if (text !== null) {
      // --data-raw: no `@file` reading and no newline stripping; the bytes go as they are.
      args.push('--data-raw', shellQuote(text));
    } else {
      args.push('--data-binary', `@${shellQuote(bodyFileName)}`);
      bodyFile = { name: bodyFileName, base64: Buffer.from(req.body).toString('base64') };
    }
  }
  return { command: joinArgs(args), bodyFile };
}

/** The body as text when it can be an argument: valid UTF-8, no control bytes but tab/CR/LF, small. */
function inlineText(body: Uint8Array): string | null {
  if (body.byteLength > INLINE_LIMIT) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return null;
  }
  // A BOM survives decoding with ignoreBOM; it is kept in the argument as is.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return null;
  }
  return text;
}

/** One option per line, so a long command reads well and still pastes as one command. */
function joinArgs(args: string[]): string {
  const lines: string[] = [args.slice(0, 3).join(' ')];
  for (let i = 3; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-') && !a.startsWith("'") && i + 1 < args.length && !args[i + 1]!.startsWith('-')) {
      lines.push(`${a} ${args[++i]}`);
    } else lines.push(a);
  }
  return lines.join(' \\\n  ');
}
