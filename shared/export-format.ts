// The `export` NDJSON line: a public interface (QA scripts parse it). Extend it; never rename a field.
import { z } from 'zod';

export const exportLine = z.object({
  id: z.number().int().positive(),
  receivedAt: z.string().datetime({ offset: false }),
  endpoint: z.string(),
  method: z.string(),
  path: z.string(),
  query: z.string(),
  headers: z.array(z.tuple([z.string(), z.string()])),
  remoteAddress: z.string(),
  /** The stored bytes: exactly what arrived (after transfer-decoding; gzip stays gzip). */
  bodyBase64: z.string(),
  /** sha256 of the stored bytes, hex. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  truncated: z.boolean(),
  kind: z.enum(['call-end', 'json', 'not-json']),
  shape: z.string().nullable(),
  problems: z.array(
    z.object({
      path: z.string(),
      severity: z.enum(['error', 'warning', 'note']),
      code: z.string(),
      message: z.string(),
      /** A summary of the problems past the list's limit: how many it stands for. */
      count: z.number().int().positive().optional(),
    }),
  ),
  sign: z.enum(['verified', 'mismatch', 'not-checked']),
  response: z.object({
    status: z.number().int().nullable(),
    delayMs: z.number().int().nonnegative().default(0),
    hung: z.boolean().default(false),
    reason: z.string().default('default'),
  }),
  retryOf: z.number().int().positive().nullable(),
  attempt: z.number().int().positive(),
  taskId: z.string().nullable(),
  callCount: z.number().int().nonnegative(),
});

export type ExportLine = z.infer<typeof exportLine>;
