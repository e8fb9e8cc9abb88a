// Raw HTTP for tests: node:http so that bodies, methods and headers go out exactly as written.
import { request } from 'node:http';
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function send(
  url: string,
  options: { method?: string; headers?: Record<string, string | number>; body?: Uint8Array | string; timeoutMs?: number } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'POST', headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (options.timeoutMs) req.setTimeout(options.timeoutMs, () => req.destroy(new Error('client timeout')));
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/**
 * Writes `request` to the receiver exactly as given (a request line node's client would not send: an
 * absolute-form target, a malformed Host); the id of the delivery it made.
 */
export function sendRaw(receiver: string, request: string): Promise<number> {
  const { hostname, port } = new URL(receiver);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(request));
    let answer = '';
    socket.on('data', (c: Buffer) => (answer += c.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const id = /x-callback-inspector-delivery: (\d+)/i.exec(answer)?.[1];
      if (id) resolve(Number(id));
      else reject(new Error(`no delivery id in ${JSON.stringify(answer)}`));
    });
  });
}
