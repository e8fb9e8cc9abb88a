// Schema v6. Never edit after it lands: add a new numbered migration instead.
// A delivery is stored before ingest knows its TaskID, and only a vendor retry has a retry_of: both
// columns are NULL when the receiver writes a row, yet their full indexes took a leaf write inside the
// receiver's commit for every delivery. Partial indexes skip NULLs; `task_id = ?`, `retry_of = ?` and
// the foreign key's child lookup (retry_of = ?) all imply NOT NULL, so SQLite still uses them.
export const sql = /* sql */ `
DROP INDEX deliveries_task;
CREATE INDEX deliveries_task ON deliveries(task_id) WHERE task_id IS NOT NULL;
DROP INDEX deliveries_retry_of;
CREATE INDEX deliveries_retry_of ON deliveries(retry_of) WHERE retry_of IS NOT NULL;
`;
