// The real core and a loopback target server shared by one file's tests: started before the first,
// stopped after the last. Read `env.core` and `env.target` inside tests (they are set by then).
import { afterAll, beforeAll } from 'vitest';
import type { CoreOptions } from '../../../main/core/app.js';
import { startTestCore } from './core.js';
import { startTarget, type Target } from './target.js';

export interface CoreAndTarget {
  core: Awaited<ReturnType<typeof startTestCore>>;
  target: Target;
}

export function coreAndTarget(options: Partial<CoreOptions> = {}): CoreAndTarget {
  const env = {} as CoreAndTarget;
  beforeAll(async () => {
    env.core = await startTestCore(options);
    env.target = await startTarget();
  });
  afterAll(async () => {
    await env.core?.cleanup();
    await env.target?.close();
  });
  return env;
}
