// The lossless JSON parser now lives in shared/json/ (the renderer uses it too). This re-export is
// only for main/hosts/cli/wait.ts, which is being reworked elsewhere; delete it once nothing imports it.
export { parseJson } from '../../../shared/json/lossless-parse.js';
