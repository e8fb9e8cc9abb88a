// The exportFixtures operation of the API contract (shared/api.ts): a selection's fixture folder
// (transfer/fixtures-export.ts) zipped, for the UI's download. Spread into the service by createService.
import type { ApiService } from '../../../shared/api.js';
import { SCENARIO_FILE } from '../../../shared/fixture-format.js';
import type { Store } from '../store/index.js';
import { fixtureFiles } from '../transfer/fixtures-export.js';
import { zipFolder } from '../transfer/fixtures-zip.js';

export type FixtureOps = Pick<ApiService, 'exportFixtures'>;

export function createFixtureOps({ store }: { store: Store }): FixtureOps {
  return {
    async exportFixtures({ ids, filter, limit }) {
      const folder = `fixtures-${new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}`;
      let fixtures = 0;
      const files = [...fixtureFiles(store, ids ?? store.selection.idsMatching(filter ?? {}, limit))];
      for (const f of files) if (f.name.endsWith('.json') && f.name !== SCENARIO_FILE) fixtures++;
      return { fileName: `${folder}.zip`, fixtures, zipBase64: zipFolder(folder, files).toString('base64') };
    },
  };
}
