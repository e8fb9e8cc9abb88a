// Schema v3. Never edit after it lands: add a new numbered migration instead.
// The receiver stores a delivery before ingest (kind = 'pending'); the deriver finds them here. The
// index stays tiny: a row leaves it as soon as it is derived.
export const sql = /* sql */ `
CREATE INDEX deliveries_pending ON deliveries(id) WHERE kind = 'pending';
`;
