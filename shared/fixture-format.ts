// The fixture folder (`fixtures export`): one NAME.json per delivery, an optional NAME.body beside it,
// and scenario.json. A public interface that customers' test suites read (see docs/FIXTURES.md):
// extend it, never rename a field.
import { z } from 'zod';

export const SCENARIO_FILE = 'scenario.json';
export const SCENARIO_FORMAT = 'callback-inspector-scenario';
export const SCENARIO_VERSION = 1;

/**
 * A file name inside the folder: no directory part, no leading dot, portable to every OS (what the
 * exporter writes; the importer refuses anything else, so a folder cannot point outside itself).
 */
export const fixtureFileName = z
  .string()
  .regex(/^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/, 'a plain file name in the folder (letters, digits, _ . -)');

const headerPair = z.tuple([z.string(), z.string()]);

/**
 * One delivery. `bodyAs` says what `body` holds: `json` (the body parsed, numbers exact), `text` (the
 * body as a string) or `bytes` (no `body`; read `bodyFile`). When `bodyFile` is present it holds the
 * exact bytes and wins: the body could not be rebuilt from `body` by a plain JSON writer (gzip,
 * truncated, not UTF-8, whitespace, escapes, integers beyond 2^53).
 */
export const fixture = z.object({
  method: z.string().min(1),
  path: z.string().startsWith('/'),
  query: z.string().default(''),
  /** `[name, value]` pairs in arrival order, names as sent. */
  headers: z.array(headerPair),
  receivedAt: z.string().datetime({ offset: false }),
  bodyAs: z.enum(['json', 'text', 'bytes']),
  body: z.unknown().optional(),
  bodyFile: fixtureFileName.optional(),
  /** sha256 (hex) of the exact bytes; checked on import when present. */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  size: z.number().int().nonnegative().optional(),
  truncated: z.boolean().default(false),
  /** Default: from the path (`/hooks/<name>/…` → `<name>`, else `default`). */
  endpoint: z.string().min(1).optional(),
  /** The delivery it was exported from. */
  id: z.number().int().positive().optional(),
  /** The answer the receiver gave. */
  response: z
    .object({
      status: z.number().int().nullable(),
      delayMs: z.number().int().nonnegative().default(0),
      hung: z.boolean().default(false),
      reason: z.string().default('default'),
    })
    .optional(),
});

export type Fixture = z.infer<typeof fixture>;

/** scenario.json: the fixtures in arrival order, each with its offset from the first arrival. */
export const scenarioManifest = z.object({
  format: z.literal(SCENARIO_FORMAT),
  version: z.literal(SCENARIO_VERSION),
  createdBy: z.string().optional(),
  /** receivedAt of the first fixture. */
  startedAt: z.string().datetime({ offset: false }).nullable(),
  fixtures: z.array(z.object({ file: fixtureFileName, offsetMs: z.number().nonnegative() })),
});

export type ScenarioManifest = z.infer<typeof scenarioManifest>;
