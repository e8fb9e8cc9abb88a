// Schema v4: where each forwarded delivery's forwarding stands. Never edit after it lands.
// Written in the receiver's transaction (state `pending`), so a forward cut short by a crash is known
// at the next start and can be caught up.
export const sql = /* sql */ `
CREATE TABLE forwards (
  delivery_id INTEGER PRIMARY KEY REFERENCES deliveries(id) ON DELETE CASCADE,
  endpoint    TEXT    NOT NULL,
  mode        TEXT    NOT NULL,
  target      TEXT    NOT NULL,
  state       TEXT    NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX forwards_endpoint_state ON forwards(endpoint, state, delivery_id);
`;
