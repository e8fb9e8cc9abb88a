// The re-send room of the store's declared interface (store-interface.ts): jobs and their attempts,
// types only. Records are shared/model.ts's, decoded from the rows in sends.ts.
import type { JobInfo, JobKind, SendAttempt, SendAttemptDetail } from '../../../shared/model.js';

/** An attempt as the resend engine hands it over: the stored shape with its bodies, before it has an id. */
export type NewSend = Omit<SendAttempt, 'id' | 'requestSize'> & { requestBody: Uint8Array; responseBody: Uint8Array };

/** The request of an attempt: what copy-as-curl shows and `resendFailed` sends again. */
export interface StoredRequest {
  item: number;
  deliveryId: number | null;
  url: string;
  method: string;
  headers: Array<[string, string]>;
  body: Buffer;
}

export interface SendQuery {
  deliveryId?: number | undefined;
  jobId?: number | undefined;
  /** With `jobId`: only each item's last attempt, when it was not delivered. */
  failed?: boolean | undefined;
  /** Attempts with a lower id only (paging, newest first). */
  before?: number | undefined;
  limit: number;
}

export interface SendStore {
  createJob(kind: JobKind, label: string, spec: unknown, total: number, startedAt: number, pid: number): number;
  saveJob(j: JobInfo): void;
  job(id: number): JobInfo | undefined;
  /** What the job was asked to do (its input, with what it resolved, e.g. a chain's ids and offsets). */
  spec(id: number): unknown;
  /** The newest `limit` jobs, newest first. */
  jobs(limit: number): JobInfo[];
  /** Marks jobs left running by processes that are gone (`alive` says which are not); returns how many. */
  interruptOrphans(now: number, alive: (pid: number) => boolean): number;
  insert(s: NewSend): SendAttempt;
  /** Several attempts in one transaction (one WAL append instead of one per attempt). */
  insertMany(rows: NewSend[]): SendAttempt[];
  /** Attempts newest first. */
  list(q: SendQuery): SendAttempt[];
  detail(id: number): SendAttemptDetail | undefined;
  /** The raw request of an attempt, for copy-as-curl. */
  request(id: number): StoredRequest | undefined;
  /** Each item's last attempt that was not delivered, in item order. */
  failedRequests(jobId: number): StoredRequest[];
}
