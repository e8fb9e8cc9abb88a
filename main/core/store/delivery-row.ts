// The deliveries table's rows as SQLite returns them (snake_case, JSON text and packed columns). They
// stay inside store/: readers outside it get the records the store decodes from them.

export interface DeliveryRow {
  id: number;
  received_at: number;
  endpoint: string;
  method: string;
  path: string;
  query: string;
  headers: string;
  remote_address: string;
  size: number;
  sha256: string;
  truncated: number;
  content_type: string | null;
  content_encoding: string | null;
  charset: string | null;
  kind: string;
  shape: string | null;
  task_id: string | null;
  task_name: string | null;
  plan_name: string | null;
  call_count: number;
  status_summary: string;
  error_count: number;
  warning_count: number;
  note_count: number;
  problems: Buffer;
  sign_status: string;
  sign: Buffer;
  response_status: number | null;
  response: string;
  retry_of: number | null;
  attempt: number;
  /** 1: this app's own re-send to itself (receiver/resend-mark.ts). */
  resend: number;
}

/** A delivery recorded by the receiver and not yet through ingest. */
export interface PendingRow {
  id: number;
  received_at: number;
  endpoint: string;
  headers: string;
  truncated: number;
  size: number;
}
