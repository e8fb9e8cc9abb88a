// `callback-inspector serve` (the built CLI) in a process of its own, as the benchmarks that measure
// serve itself use it: its memory is its own (/proc), and its start-up is a user's.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

export interface ServeProcess {
  url: string;
  ui: string;
  pid: number;
  /** process.memoryUsage() inside serve: only when started with the memory probe. */
  memoryUsage(): Promise<NodeJS.MemoryUsage>;
  stop(): Promise<void>;
}

/**
 * Starts serve on `dataDir` and free ports (plus `extra` flags); resolves once it printed both URLs.
 * `probe`: with bench/memory-probe.mjs loaded, so that memoryUsage() answers.
 */
export async function serve(dataDir: string, extra: string[] = [], probe = false): Promise<ServeProcess> {
  const bin = new URL('../bin/callback-inspector.js', import.meta.url).pathname;
  const nodeArgs = probe ? ['--import', new URL('./memory-probe.mjs', import.meta.url).href] : [];
  const child = spawn(process.execPath, [...nodeArgs, bin, 'serve', '--port', '0', '--ui-port', '0', '--data', dataDir, ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const probed: Array<(usage: NodeJS.MemoryUsage) => void> = [];
  // What serve reports goes on to ours, but for its note that our SIGTERM stops it and the probe's answers.
  createInterface({ input: child.stderr }).on('line', (line) => {
    if (line.startsWith('memory-probe: ')) probed.shift()?.(JSON.parse(line.slice('memory-probe: '.length)) as NodeJS.MemoryUsage);
    else if (!line.startsWith('SIGTERM:')) process.stderr.write(`serve: ${line}\n`);
  });
  const memoryUsage = () => {
    if (!probe) return Promise.reject(new Error('serve was started without the memory probe'));
    return new Promise<NodeJS.MemoryUsage>((resolve) => {
      probed.push(resolve);
      child.kill('SIGUSR2');
    });
  };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let url: string | null = null;
  for await (const line of createInterface({ input: child.stdout })) {
    url ??= /^receiver: (\S+)$/.exec(line)?.[1] ?? null;
    const ui = /^ui: (\S+)$/.exec(line)?.[1];
    if (url && ui) return { url, ui, pid: child.pid!, memoryUsage, stop: () => (child.kill('SIGTERM'), exited) };
  }
  throw new Error('serve printed no receiver and ui URLs');
}

/** One API call to a serve, authorised by the token in its ui: URL. */
export async function api<T>(ui: string, op: string, input: unknown): Promise<T> {
  const u = new URL(ui);
  const token = new URLSearchParams(u.hash.slice(1)).get('token');
  const res = await fetch(new URL(`/api/${op}`, u.origin), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return ((await res.json()) as { result: T }).result;
}

/** The processes `pid` started (Linux: the ppid field of /proc/<pid>/stat): serve's deriver and body reader. */
export function childPids(pid: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** A process's peak resident memory (VmHWM) in bytes. */
export function peakRss(pid: number): number {
  return statusKb(pid, 'VmHWM') * 1024;
}

/** A process's resident memory now (VmRSS) in bytes. */
export function rss(pid: number): number {
  return statusKb(pid, 'VmRSS') * 1024;
}

function statusKb(pid: number, field: string): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(m[1]);
}
