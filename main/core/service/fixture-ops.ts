// The exportFixtures operation of the API contract (shared/api.ts): a selection's fixture folder
// (transfer/fixtures-export.ts) zipped, for the UI's download. Describing each body parses it, so the
// folder is made and zipped in the body reader's process (bodies/body-jobs.ts), never on the
// receiver's thread. Spread into the service by createService.
import type { ApiService } from '../../../shared/api.js';
import type { BodyReader } from '../bodies/body-reader.js';

export type FixtureOps = Pick<ApiService, 'exportFixtures'>;

export function createFixtureOps({ bodies }: { bodies: BodyReader }): FixtureOps {
  return {
    async exportFixtures({ ids, filter, limit }, signal?: AbortSignal) {
      return bodies.read({ type: 'fixtures', ids, filter, limit }, { op: 'exportFixtures', tooLarge: 'this export is too large', ...(signal && { signal }) });
    },
  };
}
