// Schema v5. Never edit after it lands: add a new numbered migration instead.
// Vendor retries are found in memory now (store/recent-arrivals.ts): the (endpoint, sha256, received_at)
// index cost every delivery a random leaf write in the receiver's commit and served nothing else.
export const sql = /* sql */ `
DROP INDEX deliveries_same_body;
`;
