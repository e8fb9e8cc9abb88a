// Migrations in order; entry i moves the schema from user_version i to i + 1. A landed file is never
// edited (landed.json holds each one's sha256, checked by test/unit/store/landed-migrations.test.ts).
import { sql as initial } from './0001-initial.js';
import { sql as sends } from './0002-sends.js';
import { sql as pending } from './0003-pending.js';
import { sql as forwards } from './0004-forwards.js';
import { sql as retryIndex } from './0005-retry-index.js';
import { sql as partialIndexes } from './0006-partial-indexes.js';
import { sql as resend } from './0007-resend.js';
import { sql as noteCount } from './0008-note-count.js';

export const migrations: readonly string[] = [initial, sends, pending, forwards, retryIndex, partialIndexes, resend, noteCount];
