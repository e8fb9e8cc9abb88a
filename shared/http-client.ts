// The ApiClient over HTTP, for the browser and for the command line beside a running core: one POST
// per operation, derived from the operations table of shared/api.ts so that a new one needs no code here.
// An answer carrying bytes (a stored body) comes as a bytes answer (bytes-answer.ts), other answers as JSON.
import { operations, type ApiClient, type OpName } from './api.js';
import { BYTES_ANSWER_TYPE, decodeBytesAnswer } from './bytes-answer.js';

export class ApiError extends Error {
  constructor(
    message: string,
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly issues: Array<{ path: string; message: string }> = [],
  ) {
    super(message);
  }
}

type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

export interface HttpClientOptions {
  /** The page's origin and path, e.g. `http://127.0.0.1:8788/`; operations live under `api/`. */
  baseUrl: string;
  token: string;
  fetch: Fetch;
}

export function createHttpClient({ baseUrl, token, fetch }: HttpClientOptions): ApiClient {
  const call = async (name: OpName, input: unknown): Promise<unknown> => {
    let res: Awaited<ReturnType<Fetch>>;
    try {
      res = await fetch(new URL(`api/${name}`, baseUrl).href, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
    } catch (error) {
      throw new ApiError(`cannot reach the Callback Inspector server (${String(error)})`, 0);
    }
    if (res.status === 200 && res.headers.get('content-type') === BYTES_ANSWER_TYPE) {
      try {
        return decodeBytesAnswer(await res.arrayBuffer());
      } catch (error) {
        throw new ApiError(`could not read the answer to ${name} (${String(error)})`, res.status);
      }
    }
    const body = (await res.json().catch(() => null)) as { result?: unknown; error?: string; issues?: ApiError['issues'] } | null;
    if (res.status === 200 && body && 'result' in body) return body.result;
    throw new ApiError(body?.error ?? `HTTP ${res.status}`, res.status, body?.issues ?? []);
  };
  return Object.fromEntries(
    (Object.keys(operations) as OpName[]).map((name) => [name, (input: unknown) => call(name, input)]),
  ) as ApiClient;
}
