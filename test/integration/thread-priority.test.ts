// Derivation and checkpoints yield the CPU to the receiver: the deriver's and the checkpointer's
// processes run niced (they lower themselves, on every OS); no thread of the receiver's process does.
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKGROUND_NICE } from '../../main/core/thread-priority.js';
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

describe('background priority', () => {
  it.runIf(process.platform === 'linux')('runs the deriver and the checkpointer niced and the receiver at normal priority', async () => {
    const before = niced();
    const core = await startTestCore();
    cleanups.push(core.cleanup);
    const nicedChildren = () => niceOfChildren().filter((n) => n === BACKGROUND_NICE).length;
    const deadline = Date.now() + 15_000;
    while (nicedChildren() < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    // The deriver's and the checkpointer's processes beside this one; none of this process's threads.
    expect(nicedChildren()).toBe(2);
    expect(niced()).toBe(before);
    expect(niceByThread().get(process.pid)).toBe(0);
    // and the receiver still answers while they run niced
    const res = await fetch(core.receiver.url, { method: 'POST', body: '{}' });
    expect(res.status).toBe(200);
  });
});
