// Schema v1. Never edit after it lands: add a new numbered migration instead.
// Raw bodies live in their own table so that listing never reads them.
export const sql = /* sql */ `
CREATE TABLE deliveries (
  id              INTEGER PRIMARY KEY,
  received_at     INTEGER NOT NULL,
  endpoint        TEXT    NOT NULL,
  method          TEXT    NOT NULL,
  path            TEXT    NOT NULL,
  query           TEXT    NOT NULL,
  headers         TEXT    NOT NULL,
  remote_address  TEXT    NOT NULL,
  size            INTEGER NOT NULL,
  sha256          TEXT    NOT NULL,
  truncated       INTEGER NOT NULL,
  content_type    TEXT,
  content_encoding TEXT,
  charset         TEXT,
  kind            TEXT    NOT NULL,
  shape           TEXT,
  task_id         TEXT,
  task_name       TEXT,
  plan_name       TEXT,
  call_count      INTEGER NOT NULL,
  status_summary  TEXT    NOT NULL,
  error_count     INTEGER NOT NULL,
  warning_count   INTEGER NOT NULL,
  problems        BLOB    NOT NULL, -- deflated JSON: messages repeat, and they were most of a row
  sign_status     TEXT    NOT NULL,
  sign            BLOB    NOT NULL, -- deflated JSON
  response_status INTEGER,
  response        TEXT    NOT NULL,
  retry_of        INTEGER REFERENCES deliveries(id) ON DELETE SET NULL,
  attempt         INTEGER NOT NULL
);
CREATE INDEX deliveries_received ON deliveries(received_at);
CREATE INDEX deliveries_endpoint ON deliveries(endpoint);
CREATE INDEX deliveries_same_body ON deliveries(endpoint, sha256, received_at);
CREATE INDEX deliveries_task ON deliveries(task_id);
CREATE INDEX deliveries_retry_of ON deliveries(retry_of);

CREATE TABLE bodies (
  delivery_id INTEGER PRIMARY KEY REFERENCES deliveries(id) ON DELETE CASCADE,
  raw         BLOB NOT NULL
);

CREATE TABLE calls (
  id            INTEGER PRIMARY KEY,
  delivery_id   INTEGER NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
  idx           INTEGER NOT NULL,
  call_id       TEXT,
  callee_number TEXT,
  callee_name   TEXT,
  task_id       TEXT,
  status        TEXT,
  intention     TEXT,
  start_time    TEXT,
  end_time      TEXT,
  duration_sec  REAL,
  ring_type     TEXT,
  ring_time     INTEGER,
  hangup_type   TEXT,
  redial_count  INTEGER NOT NULL,
  UNIQUE (delivery_id, idx)
);
CREATE INDEX calls_call_id ON calls(call_id);
CREATE INDEX calls_callee ON calls(callee_number, start_time);
-- (status, delivery_id): a status search is an index range, and the inbox's per-row probe
-- "does this delivery have a call with that status" is one index look-up.
CREATE INDEX calls_status ON calls(status, delivery_id);
CREATE INDEX calls_intention ON calls(intention, delivery_id);

CREATE TABLE redials (
  id             INTEGER PRIMARY KEY,
  call_row       INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
  delivery_id    INTEGER NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
  call_idx       INTEGER NOT NULL,
  idx            INTEGER NOT NULL,
  call_id        TEXT,
  callee_number  TEXT,
  caller_number  TEXT,
  start_time_raw TEXT,
  ring_type      TEXT,
  ring_time      INTEGER,
  hangup_type    TEXT,
  result_label   TEXT
);
CREATE INDEX redials_call_row ON redials(call_row);
CREATE INDEX redials_call_id ON redials(call_id);
CREATE INDEX redials_callee ON redials(callee_number);
CREATE INDEX redials_delivery ON redials(delivery_id);

CREATE TABLE endpoints (
  name       TEXT PRIMARY KEY,
  config     TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Contentless: the text is derivable from the stored body, so only the index is kept (size).
CREATE VIRTUAL TABLE search USING fts5(
  text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
`;
