// The fixture operations of the API contract (shared/api.ts): a selection's fixture folder zipped for
// the UI's download (transfer/fixtures-export.ts), or page by page for `fixtures export` to write.
// Describing each body parses it, so the files are made in the body reader's process
// (bodies/body-jobs.ts), never on the receiver's thread. Spread into the service by createService.
import type { ApiService, OpContext } from '../../../shared/api.js';
import type { BodyReader } from '../bodies/body-reader.js';

export type FixtureOps = Pick<ApiService, 'exportFixtures' | 'exportFixturePage'>;

export function createFixtureOps({ bodies }: { bodies: BodyReader }): FixtureOps {
  return {
    async exportFixtures({ ids, filter, limit }, { signal }: OpContext = {}) {
      return bodies.read(
        { type: 'fixtures', ids, filter, limit },
        { op: 'exportFixtures', tooLarge: 'this export is too large', ...(signal && { signal }) },
      );
    },
    async exportFixturePage(selection, { signal }: OpContext = {}) {
      return bodies.read(
        { type: 'fixture-page', ...selection },
        { op: 'exportFixturePage', tooLarge: 'this page of fixtures is too large', ...(signal && { signal }) },
      );
    },
  };
}
