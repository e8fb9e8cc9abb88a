// The preload, imported from source with `electron` faked: it exposes exactly one object on the page,
// made of the contract's operations plus `on`, each call going to its `api:<name>` channel, and it
// never hands the page ipcRenderer or an IPC event.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { eventNames, operations, type ApiBridge } from '../../../shared/api.js';
import type { ClickLike } from '../../../main/hosts/electron/bridge.js';
import { contextBridge, ipcRenderer } from './support/fake-electron.js';

vi.mock('electron', () => import('./support/fake-electron.js').then((m) => m.electronModule));

const pageListeners: Array<[string, (event: ClickLike) => void, boolean]> = [];
let bridge: ApiBridge;

beforeAll(async () => {
  vi.stubGlobal('addEventListener', (type: string, listener: (event: ClickLike) => void, capture: boolean) =>
    pageListeners.push([type, listener, capture]),
  );
  await import('../../../main/hosts/electron/preload.js');
  bridge = contextBridge.exposeInMainWorld.mock.calls[0]![1] as ApiBridge;
});

beforeEach(() => {
  ipcRenderer.invoke.mockReset();
  ipcRenderer.on.mockReset();
  ipcRenderer.removeListener.mockReset();
});

describe('the preload bridge', () => {
  it('exposes exactly one object, as window.callbackInspector', () => {
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(contextBridge.exposeInMainWorld.mock.calls[0]![0]).toBe('callbackInspector');
  });

  it('holds one function per contract operation plus `on`, and nothing else (no ipcRenderer)', () => {
    expect(Object.keys(bridge).sort()).toEqual([...Object.keys(operations), 'on'].sort());
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
    expect(Object.values(bridge)).not.toContain(ipcRenderer);
  });

  it.each(Object.keys(operations))('sends %s to its own channel with the input as given', async (name) => {
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, result: { from: name } });
    const input = { probe: name };
    await expect((bridge as unknown as Record<string, (i: unknown) => Promise<unknown>>)[name]!(input)).resolves.toEqual({ from: name });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(`api:${name}`, input);
  });

  it('turns a refused call into a rejection carrying the main process message', async () => {
    ipcRenderer.invoke.mockResolvedValueOnce({
      ok: false,
      error: { message: 'invalid input for getDelivery: id: Too small', issues: [{ path: 'id', message: 'Too small' }] },
    });
    await expect(bridge.getDelivery({ id: 0 })).rejects.toThrow('invalid input for getDelivery: id: Too small');
  });

  it('delivers event payloads without the IPC event, and unsubscribes', () => {
    const listener = vi.fn();
    const off = bridge.on(eventNames[0]!, listener);
    expect(ipcRenderer.on).toHaveBeenCalledWith(`event:${eventNames[0]}`, expect.any(Function));
    const forward = ipcRenderer.on.mock.calls[0]![1] as (event: unknown, payload: unknown) => void;
    forward({ sender: ipcRenderer }, { id: 7 });
    expect(listener).toHaveBeenCalledWith({ id: 7 });
    expect(listener.mock.calls[0]).toHaveLength(1);
    off();
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith(`event:${eventNames[0]}`, forward);
  });

  it('refuses to subscribe to an event the contract does not have', () => {
    expect(() => bridge.on('ipc-internal' as never, () => {})).toThrow(/unknown event/);
    expect(ipcRenderer.on).not.toHaveBeenCalled();
  });
});

describe('links the user clicks', () => {
  const click = (href: string, isTrusted = true, button = 0) => {
    const event = { isTrusted, button, defaultPrevented: false, target: { closest: () => ({ href }) }, preventDefault: vi.fn() };
    const [, listener] = pageListeners.find(([type]) => type === 'click')!;
    ipcRenderer.invoke.mockResolvedValue(undefined);
    listener(event);
    return event;
  };

  it('listens for clicks before the page does (capture phase)', () => {
    expect(pageListeners.filter(([type]) => type === 'click').map(([, , capture]) => capture)).toEqual([true]);
  });

  it('asks the main process to open an http(s) link the user clicked, instead of navigating', () => {
    const event = click('https://docs.example.com/');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('app:openExternal', 'https://docs.example.com/');
  });

  it('ignores clicks a script made up, and in-app links', () => {
    click('https://docs.example.com/', false);
    click('file:///app/dist/renderer/index.html#/inbox');
    click('javascript:alert(1)');
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });
});
