// How the desktop app starts the core's child processes (core/child-process.ts): Electron's
// utilityProcess. The packaged app turns ELECTRON_RUN_AS_NODE off (electron-builder.yml's runAsNode
// fuse), so child_process.fork of its binary would start the app again instead of a Node.
import type { UtilityProcess } from 'electron';
import { fileURLToPath } from 'node:url';
import { STDERR_TAIL, type ChildExit, type ChildLauncher } from '../../core/child-process.js';

type Fork = (
  modulePath: string,
  args: string[],
  options: { execArgv: string[]; stdio: Array<'pipe' | 'ignore'>; serviceName: string },
) => UtilityProcess;

/** `fork`: electron's `utilityProcess.fork` (a parameter, so that tests can stand in for Electron). */
export function utilityLauncher(fork: () => Fork): ChildLauncher {
  return (entry, { args, nodeArgs, name = 'child process' }) => {
    const child = fork()(fileURLToPath(entry), args, {
      execArgv: nodeArgs,
      stdio: ['ignore', 'ignore', 'pipe'],
      serviceName: `Callback Inspector ${name}`,
    });
    let stderr = '';
    const keep = (text: string) => (stderr = (stderr + text).slice(-STDERR_TAIL));
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', keep);
    // V8's fatal errors (out of memory) are reported here before the exit, as well as on stderr.
    child.on('error', (type, location) => keep(`\n${type}: ${location}\n`));
    const exitListeners: Array<(exit: ChildExit) => void> = [];
    // Unlike Node's fork (child-process.ts), the order of the last messages and 'exit' is not known
    // here (not run in this environment): the deriver does not rely on it (derive-process.ts).
    child.once('exit', (code) => {
      for (const l of exitListeners) l({ code, signal: null, stderr });
    });
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => child.postMessage(message),
      onMessage: (listener) => void child.on('message', listener),
      onExit: (listener) => void exitListeners.push(listener),
      kill: () => void child.kill(),
      // Electron keeps the app running until it quits, whatever its children do.
      hold: () => {},
    };
  };
}
