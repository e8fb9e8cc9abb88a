// Starts a worker thread from a module file beside its caller, built or from source. Built (dist/,
// the packaged app) the compiled .js runs as it is; from source (vitest, tsx) the worker's TypeScript
// needs tsx's loader registered in that thread too.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `entry`: the compiled module's URL (`new URL('./x-worker.js', import.meta.url)`). */
export function startWorker(entry: URL, options: WorkerOptions = {}): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(entry, options);
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const loader = pathToFileURL(join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const source = entry.href.replace(/\.js$/, '.ts');
  const boot = `import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(boot, { ...options, eval: true });
}
