// Schema v8. Never edit after it lands: add a new numbered migration instead.
// Notes, the third problem tier (what the vendor's own example does too), counted apart from warnings
// so that the inbox's Problems column and `has:` can tell them apart. Rows derived before keep 0 and
// their findings as they were classified then. A constant default rewrites nothing.
export const sql = /* sql */ `
ALTER TABLE deliveries ADD COLUMN note_count INTEGER NOT NULL DEFAULT 0;
`;
