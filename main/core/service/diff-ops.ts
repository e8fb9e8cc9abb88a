// The diffBodies operation of the API contract (shared/api.ts): both sides are resolved, decoded,
// parsed and compared in the body reader's process (bodies/diff-sides.ts), never on the receiver's
// thread; a comparison past its memory or time limit is refused with a reason.
import type { ApiService, OpContext } from '../../../shared/api.js';
import type { BodyReader } from '../bodies/body-reader.js';

export type DiffOps = Pick<ApiService, 'diffBodies'>;

export function createDiffOps({ bodies }: { bodies: BodyReader }): DiffOps {
  return {
    async diffBodies({ a, b }, { signal }: OpContext = {}) {
      return bodies.read(
        { type: 'diff', a, b },
        { op: 'diffBodies', tooLarge: 'these bodies are too large to compare', ...(signal && { signal }) },
      );
    },
  };
}
