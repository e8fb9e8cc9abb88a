// The main process as a whole (index.ts) with only `electron` faked: the REAL core starts in the
// user-data folder with the Electron copy of better-sqlite3, every contract operation is answered over
// IPC from the app's page and refused from anywhere else, events reach the window, and quitting waits
// for the core. The tests run in order against one app, as a user's session would.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { operations } from '../../../shared/api.js';
import type { Desktop } from '../../../main/hosts/electron/index.js';
import { app, FakeBrowserWindow, handlers, ipcEventFrom, Menu, utilityProcess } from './support/fake-electron.js';
import { desktopFixture } from './support/desktop-fixture.js';
import { post } from './support/http-post.js';
import { reachCore } from '../../../main/hosts/cli/core-access.js';

vi.mock('electron', () => import('./support/fake-electron.js').then((m) => m.electronModule));

const fixture = desktopFixture();
const seed = readFileSync(join(import.meta.dirname, '../../fixtures/seed-example.json'));
let desktop: Desktop;

type Reply = { ok: true; result: any } | { ok: false; error: { message: string; issues: Array<{ path: string; message: string }> } };
const invoke = async (op: string, input: unknown, from = desktop.files.pageUrl): Promise<Reply> => {
  const handler = handlers.get(`api:${op}`);
  if (!handler) throw new Error(`no handler for api:${op}`);
  return (await handler(ipcEventFrom(from), input)) as Reply;
};

beforeAll(async () => {
  app.paths.set('appData', fixture.appData);
  app.appPath = fixture.appRoot;
  const launched = await (await import('../../../main/hosts/electron/index.js')).launched;
  if (!launched) throw new Error('the app did not start');
  desktop = launched;
});

afterAll(async () => {
  await desktop?.core.close();
  fixture.remove();
});

describe('the desktop main process', () => {
  it('takes the single-instance lock and sandboxes every renderer', () => {
    expect(app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(app.enableSandbox).toHaveBeenCalled();
  });

  it('keeps its data in the user-data folder', () => {
    expect(app.getPath('userData')).toBe(fixture.userData);
    expect(desktop.core.dataDir).toBe(fixture.userData);
    expect(desktop.core.store.db.name).toBe(join(fixture.userData, 'callback-inspector.db'));
  });

  it.runIf(process.platform === 'linux')('loads better-sqlite3 from the Electron copy in build/native/electron', () => {
    // The loader maps the binding it opened: proof that the path reached better-sqlite3's nativeBinding.
    expect(readFileSync('/proc/self/maps', 'utf8')).toContain(fixture.binding);
  });

  it('opens one window on the built renderer with the bundled preload, and an application menu', () => {
    expect(FakeBrowserWindow.created).toHaveLength(1);
    const window = FakeBrowserWindow.created[0]!;
    expect(window.loadFile).toHaveBeenCalledWith(join(fixture.appRoot, 'dist', 'renderer', 'index.html'));
    expect(window.options.webPreferences?.preload).toBe(join(fixture.appRoot, 'dist', 'preload', 'preload.cjs'));
    expect(Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
  });

  it('registers exactly one IPC handler per operation of the contract', () => {
    const apiChannels = [...handlers.keys()].filter((c) => c.startsWith('api:')).sort();
    expect(apiChannels).toEqual(
      Object.keys(operations)
        .map((name) => `api:${name}`)
        .sort(),
    );
  });

  it('answers calls from its page with the real service, and pushes each new delivery to the window', async () => {
    const contents = FakeBrowserWindow.created[0]!.webContents;
    const answer = await post(`${desktop.core.receiver.url}`, seed);
    expect(answer.status).toBe(200);
    // Announced once derived: the deriver is a child process, slow to start on a loaded machine (a
    // read waits for it only READ_WAIT_MS, then answers with the delivery still pending).
    await vi.waitFor(
      () => expect(contents.send).toHaveBeenCalledWith('event:deliveryReceived', expect.objectContaining({ kind: 'call-end' })),
      { timeout: 30_000 },
    );

    const list = await invoke('listDeliveries', {});
    expect(list.ok).toBe(true);
    const items = (list as { result: { items: Array<{ id: number; kind: string; taskId: string }> } }).result.items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'call-end', taskId: '502380771007633e8d8b859ebf76970a' });
    // Derived in a utility process, as the desktop app starts the core's children.
    expect(utilityProcess.fork).toHaveBeenCalledWith(
      expect.stringMatching(/derive-process\.js$/),
      [],
      expect.objectContaining({ serviceName: 'Callback Inspector deriver' }),
    );

    expect(contents.send).toHaveBeenCalledWith('event:deliveryReceived', expect.objectContaining({ id: items[0]!.id }));
    const info = await invoke('info', undefined);
    expect(info).toMatchObject({ ok: true, result: { receiverUrl: desktop.core.receiver.url, dataDir: fixture.userData } });
  });

  it('answers from any route of its page (the route is in the hash)', async () => {
    expect(await invoke('listEndpoints', {}, `${desktop.files.pageUrl}#/delivery/1`)).toMatchObject({ ok: true });
  });

  it('rejects invalid input with the validation message and runs nothing', async () => {
    const reply = await invoke('putEndpoint', { name: '../bad name' });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.message).toMatch(/^invalid input for putEndpoint: name: /);
    expect(reply.error.issues.map((i) => i.path)).toEqual(['name']);
    expect(await invoke('listEndpoints', {})).toMatchObject({ ok: true, result: [] });
  });

  it.each(['https://evil.example/', 'file:///tmp/index.html', 'http://127.0.0.1:8788/'])(
    'refuses every operation called from %s, before running anything',
    async (foreign) => {
      for (const op of Object.keys(operations)) {
        await expect(invoke(op, {}, foreign), op).rejects.toThrow(/not the Callback Inspector page/);
      }
      // A write from the foreign frame would have created this endpoint.
      await expect(invoke('putEndpoint', { name: 'planted' }, foreign)).rejects.toThrow();
      expect(await invoke('listEndpoints', {})).toMatchObject({ ok: true, result: [] });
    },
  );

  it('lets the command line reach its core: a loopback API behind the token kept in the data folder, named in the running note', async () => {
    const access = await reachCore(fixture.userData, { mustExist: true });
    try {
      expect(access.via).toBe('serve');
      expect((await access.client.info({})).dataDir).toBe(fixture.userData);
    } finally {
      await access.close();
    }
    const info = new URL('api/info', desktop.cliApi.url);
    expect((await fetch(info, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    // The UI is the window's: this API serves no page.
    expect((await fetch(desktop.cliApi.url)).status).toBe(404);
  });

  it('on quit finishes the delivery in flight, then closes the receiver and the store before exiting', async () => {
    expect(await invoke('putEndpoint', { name: 'slow', response: { delayMs: 300 } })).toMatchObject({ ok: true });
    const inFlight = post(`${desktop.core.receiver.url}hooks/slow/`, seed);
    // Committed, its answer still held back by the endpoint's delay: a delivery in flight.
    await vi.waitFor(async () =>
      expect(await invoke('listDeliveries', { filter: { endpoint: 'slow' } })).toMatchObject({
        ok: true,
        result: { items: [{ endpoint: 'slow' }] },
      }),
    );

    app.quit();
    expect(app.quitted).toBe(false); // held back while the core closes
    expect((await inFlight).status).toBe(200);
    await vi.waitFor(() => expect(app.quitted).toBe(true));

    expect(desktop.core.store.db.open).toBe(false);
    const port = new URL(desktop.core.receiver.url).port;
    await expect(
      new Promise((resolve, reject) => connect(Number(port), '127.0.0.1').on('connect', resolve).on('error', reject)),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect([...handlers.keys()].filter((c) => c.startsWith('api:'))).toEqual([]);
    await expect(fetch(desktop.cliApi.url)).rejects.toThrow();
  });
});
