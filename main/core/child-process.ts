// Starts a Node child process from a module file beside its caller, built or from source, with an IPC
// channel that carries structured clones (Buffers, long strings). For work whose memory a sender
// chooses: a worker thread's heap limit does not reliably stop only the worker (a large allocation
// near the limit aborts the whole process, measured on Node 20), while a child that runs out of memory
// can only end itself. Built (dist/, the packaged app) the compiled .js runs as it is; from source
// (vitest, tsx) tsx's loader is imported first. In Electron's main process, fork runs the Electron
// binary as Node (ELECTRON_RUN_AS_NODE), with the same native modules.
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** `entry`: the compiled module's URL (`new URL('./x-process.js', import.meta.url)`); `nodeArgs`, e.g. a heap limit. */
export function startChild(entry: URL, options: { args?: string[]; nodeArgs?: string[] } = {}): ChildProcess {
  const fromSource = import.meta.url.endsWith('.ts');
  const file = fileURLToPath(fromSource ? entry.href.replace(/\.js$/, '.ts') : entry);
  const loader = fromSource ? ['--import', pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/loader.mjs')).href] : [];
  return fork(file, options.args ?? [], {
    // Not the parent's own flags (a test runner's, an inspector's): only what this child needs.
    execArgv: [...loader, ...(options.nodeArgs ?? [])],
    serialization: 'advanced',
    // stderr is the caller's to read (why the child ended); nothing else is written.
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
}
