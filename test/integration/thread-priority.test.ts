// Derivation and checkpoints yield the CPU to the receiver: the deriver's process runs niced (it lowers
// itself, on every OS); on Linux the checkpointer's thread does too, the receiver's thread does not;
// elsewhere the checkpointer is not lowered (it would lower the whole process).
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKGROUND_NICE, backgroundNice } from '../../main/core/thread-priority.js';
import { startTestCore } from './support/core.js';

/** Nice value of each thread of this process, by thread id (field 19 of /proc/<pid>/task/<tid>/stat). */
function niceByThread(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${process.pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8');
      out.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out;
}

const niced = () => [...niceByThread().values()].filter((n) => n === BACKGROUND_NICE).length;

/** Nice value of the main thread of each child process of this one. */
function niceOfChildren(): number[] {
  const out: number[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [, ppid, , , , , , , , , , , , , , , nice] = fields.slice(fields.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) === process.pid) out.push(Number(nice));
    } catch {
      // the process ended between the listing and the read
    }
  }
  return out;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('background thread priority', () => {
  it.runIf(process.platform === 'linux')('runs the deriver and the checkpointer niced and the receiver at normal priority', async () => {
    const before = niced();
    const core = await startTestCore();
    cleanups.push(core.cleanup);
    const deadline = Date.now() + 15_000;
    const done = () => niced() === before + 1 && niceOfChildren().includes(BACKGROUND_NICE);
    while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    // The checkpointer's thread in this process, the deriver's process beside it.
    expect(niced()).toBe(before + 1);
    expect(niceOfChildren()).toContain(BACKGROUND_NICE);
    expect(niceByThread().get(process.pid)).toBe(0);
    // and the receiver still answers while they run niced
    const res = await fetch(core.receiver.url, { method: 'POST', body: '{}' });
    expect(res.status).toBe(200);
  });

  it('lowers no thread of this process where a thread cannot be niced alone', () => {
    expect(backgroundNice('darwin')).toBeNull();
    expect(backgroundNice('win32')).toBeNull();
    expect(backgroundNice('linux')).toBe(BACKGROUND_NICE);
  });
});
