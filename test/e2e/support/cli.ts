// The built CLI as a user runs it, for the CLI end-to-end tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach } from 'vitest';
import { tempDir } from '../../integration/support/core.js';

export const bin = new URL('../../../bin/callback-inspector.js', import.meta.url).pathname;

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `callback-inspector <args>` without blocking this process (a target it talks to may run here). */
export function runCli(...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * Processes and data directories one test makes, killed and removed after it: `track` a spawned
 * process, `data()` a fresh directory.
 */
export function scratch(prefix: string): { track(child: ChildProcess): ChildProcess; data(): string } {
  const children: ChildProcess[] = [];
  const dirs: Array<{ remove: () => void }> = [];
  afterEach(() => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
    for (const d of dirs.splice(0)) d.remove();
  });
  return {
    track: (child) => (children.push(child), child),
    data: () => {
      const d = tempDir(prefix);
      dirs.push(d);
      return d.path;
    },
  };
}
