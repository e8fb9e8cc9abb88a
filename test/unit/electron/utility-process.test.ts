// The desktop app starts the body reader with Electron's utilityProcess (its packaged binary cannot
// run as Node); the adapter gives the core the same handle as Node's fork: messages both ways, one
// exit with the last of stderr (and V8's fatal error, so that running out of memory is told apart).
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { UtilityProcess } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { utilityLauncher } from '../../../main/hosts/electron/utility-process.js';

class FakeUtility extends EventEmitter {
  pid = 4242;
  stderr = new PassThrough();
  postMessage = vi.fn();
  kill = vi.fn(() => true);
}

describe("the desktop app's child launcher", () => {
  it('forks the built module with the heap flag, and passes messages, the exit and why', async () => {
    const child = new FakeUtility();
    const fork = vi.fn(() => child as unknown as UtilityProcess);
    const handle = utilityLauncher(() => fork)(new URL('file:///app/dist/main/core/bodies/body-process.js'), {
      args: ['/data/db', ''],
      nodeArgs: ['--max-old-space-size=512'],
    });
    expect(fork).toHaveBeenCalledWith(
      '/app/dist/main/core/bodies/body-process.js',
      ['/data/db', ''],
      expect.objectContaining({ execArgv: ['--max-old-space-size=512'], stdio: ['ignore', 'ignore', 'pipe'] }),
    );
    expect(handle.pid).toBe(4242);

    handle.send({ type: 'job', id: 1 });
    expect(child.postMessage).toHaveBeenCalledWith({ type: 'job', id: 1 });
    const messages: unknown[] = [];
    handle.onMessage((m) => messages.push(m));
    child.emit('message', { type: 'ready' });
    expect(messages).toEqual([{ type: 'ready' }]);

    const exits: unknown[] = [];
    handle.onExit((e) => exits.push(e));
    child.stderr.write('<--- Last few GCs --->\n');
    await new Promise((r) => setImmediate(r));
    child.emit('error', 'FatalError', 'Reached heap limit', '{}');
    child.emit('exit', 133);
    expect(exits).toEqual([
      { code: 133, signal: null, stderr: expect.stringMatching(/Last few GCs[\s\S]*FatalError: Reached heap limit/) },
    ]);

    handle.kill();
    expect(child.kill).toHaveBeenCalled();
  });
});
