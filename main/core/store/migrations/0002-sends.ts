// Schema v2: re-send jobs and every attempt they made. Never edit after it lands.
// An attempt keeps its delivery when it is deleted by retention (delivery_id becomes NULL): the log
// of what was sent stays readable on its own, with the request body it carried.
export const sql = /* sql */ `
CREATE TABLE send_jobs (
  id          INTEGER PRIMARY KEY,
  kind        TEXT    NOT NULL,
  label       TEXT    NOT NULL,
  spec        TEXT    NOT NULL,
  state       TEXT    NOT NULL,
  total       INTEGER NOT NULL,
  completed   INTEGER NOT NULL DEFAULT 0,
  succeeded   INTEGER NOT NULL DEFAULT 0,
  failed      INTEGER NOT NULL DEFAULT 0,
  attempts    INTEGER NOT NULL DEFAULT 0,
  outcomes    TEXT    NOT NULL DEFAULT '{}',
  notes       TEXT    NOT NULL DEFAULT '[]',
  error       TEXT,
  -- The process running the job: serve and a CLI send may share the store, each with its own jobs.
  pid         INTEGER NOT NULL,
  started_at  INTEGER NOT NULL,
  finished_at INTEGER
);

CREATE TABLE sends (
  id                 INTEGER PRIMARY KEY,
  job_id             INTEGER NOT NULL REFERENCES send_jobs(id) ON DELETE CASCADE,
  delivery_id        INTEGER REFERENCES deliveries(id) ON DELETE SET NULL,
  item               INTEGER NOT NULL,
  attempt            INTEGER NOT NULL,
  url                TEXT    NOT NULL,
  method             TEXT    NOT NULL,
  request_headers    TEXT    NOT NULL,
  request_body       BLOB    NOT NULL,
  response_status    INTEGER,
  response_headers   TEXT    NOT NULL,
  response_body      BLOB    NOT NULL,
  response_size      INTEGER NOT NULL,
  response_truncated INTEGER NOT NULL,
  duration_ms        REAL    NOT NULL,
  error_class        TEXT,
  error_message      TEXT,
  started_at         INTEGER NOT NULL,
  finished_at        INTEGER NOT NULL,
  ok                 INTEGER NOT NULL
);
CREATE INDEX sends_delivery ON sends(delivery_id, id);
CREATE INDEX sends_job ON sends(job_id, item, attempt);
`;
