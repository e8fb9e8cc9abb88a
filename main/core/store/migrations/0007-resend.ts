// Schema v7. Never edit after it lands: add a new numbered migration instead.
// A delivery that is this app's own re-send to itself (X-Callback-Inspector-Resend): not the vendor's,
// so a callee's redial chain leaves it out and the inbox says what it is. Adding a column with a
// constant default rewrites nothing, whatever the store's size. No index: chains read few rows.
export const sql = /* sql */ `
ALTER TABLE deliveries ADD COLUMN resend INTEGER NOT NULL DEFAULT 0;
`;
