// Starts a Node child process from a module file beside its caller, for work whose memory a sender
// chooses: a worker thread's heap limit does not reliably stop only the worker (a large allocation
// near the limit aborts the whole process, measured on Node 20), while a child that runs out of memory
// can only end itself. The core sees a ChildHandle; `forkChild` is Node's (serve, the CLI, tests) and
// the desktop app passes its own (Electron's utilityProcess: its binary is not a Node there).
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** How the child ended: its exit code or signal, the last of what it wrote to stderr, or why it never started. */
export interface ChildExit {
  code: number | null;
  signal: string | null;
  stderr: string;
  error?: Error;
}

export interface ChildHandle {
  readonly pid: number | undefined;
  /** A structured clone reaches the child (Buffers, long strings). */
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /**
   * Called once, however the child ends: after every message it sent has been delivered to onMessage
   * and its stderr read (Node's fork: on 'close', not 'exit', which may come before the last of both).
   */
  onExit(listener: (exit: ChildExit) => void): void;
  /** Ends it now, whatever it is doing. */
  kill(): void;
  /** Busy, the child keeps the app alive; idle, it does not. */
  hold(busy: boolean): void;
}

/**
 * `entry`: the compiled module's URL (`new URL('./x-process.js', import.meta.url)`); `nodeArgs`, e.g. a
 * heap limit; `name`, what the child is (the body reader, the deriver), for the OS's process list.
 */
export type ChildLauncher = (entry: URL, options: { args: string[]; nodeArgs: string[]; name?: string }) => ChildHandle;

/** How much of the child's last words (stderr) is kept to tell why it ended. */
export const STDERR_TAIL = 8 * 1024;

/** The child ended because it ran out of its heap (V8's fatal error on stderr). */
export function ranOutOfMemory({ stderr }: ChildExit): boolean {
  return /heap out of memory|Reached heap limit|Allocation failed/i.test(stderr);
}

/**
 * How a child ended, for an error: "exited with code 1: Error: <its uncaught error>", else its last
 * stderr lines (an uncaught error's last lines are its properties and Node's version).
 */
export function describeExit({ code, signal, stderr, error }: ChildExit): string {
  const how = error ? `could not start: ${error.message}` : signal ? `was ended by ${signal}` : `exited with code ${code}`;
  const said = stderr.match(/^(?:[\w.]*Error\b|FATAL ERROR\b).*$/gm)?.at(-1) ?? stderr.trim().split('\n').slice(-3).join(' | ');
  return `${how}${said ? `: ${said}` : ''}`;
}

/** Node's child_process.fork. Built (dist/) the compiled .js runs as it is; from source (vitest, tsx) tsx's loader is imported first. */
export const forkChild: ChildLauncher = (entry, { args, nodeArgs }) => {
  const fromSource = import.meta.url.endsWith('.ts');
  const file = fileURLToPath(fromSource ? entry.href.replace(/\.js$/, '.ts') : entry);
  const loader = fromSource
    ? ['--import', pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/loader.mjs')).href]
    : [];
  const child = fork(file, args, {
    // Not the parent's own flags (a test runner's, an inspector's): only what this child needs.
    execArgv: [...loader, ...nodeArgs],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-STDERR_TAIL)));
  const exitListeners: Array<(exit: ChildExit) => void> = [];
  let ended = false;
  const end = (exit: Omit<ChildExit, 'stderr'>) => {
    if (ended) return;
    ended = true;
    for (const l of exitListeners) l({ ...exit, stderr });
  };
  // 'close', not 'exit': 'exit' may come before the last IPC messages and stderr are read, and a
  // caller relies on seeing everything the child sent before it hears of the death.
  child.once('close', (code, signal) => end({ code, signal }));
  // Never started (no close follows); a send to a child that just died also lands here and its exit follows.
  child.on('error', (error) => {
    if (child.pid === undefined) end({ code: null, signal: null, error });
  });
  child.unref();
  child.channel?.unref();
  return {
    get pid() {
      return child.pid;
    },
    send: (message) => void child.send(message as Parameters<typeof child.send>[0]),
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void exitListeners.push(listener),
    kill: () => void child.kill('SIGKILL'),
    hold: (busy) => (busy ? child.channel?.ref() : child.channel?.unref()),
  };
};
