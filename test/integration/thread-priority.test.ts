// Derivation and checkpoints yield the CPU to the receiver: on Linux their threads run niced, the
// receiver's thread does not; elsewhere nothing is lowered (it would lower the whole process).
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
    while (niced() < before + 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(niced()).toBe(before + 2);
    expect(niceByThread().get(process.pid)).toBe(0);
    // and the receiver still answers while they run niced
    const res = await fetch(core.receiver.url, { method: 'POST', body: '{}' });
    expect(res.status).toBe(200);
  });

  it('lowers nothing where a thread cannot be niced alone', () => {
    expect(backgroundNice('darwin')).toBeNull();
    expect(backgroundNice('win32')).toBeNull();
    expect(backgroundNice('linux')).toBe(BACKGROUND_NICE);
  });
});
