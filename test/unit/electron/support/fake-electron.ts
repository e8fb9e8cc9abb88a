// A stand-in for the `electron` module (its binary cannot run here). Each fake records what the code
// under test asked of it and behaves as Electron documents where the behaviour matters to us:
// app.quit() emits `before-quit` and stops when a listener prevents it; ipcMain.handle keeps the
// handler so a test can call it with a forged event. Tests install it with
// `vi.mock('electron', () => import('./support/fake-electron.js').then((m) => m.electronModule))`.
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions, HandlerDetails } from 'electron';
import { vi } from 'vitest';
import { forkChild } from '../../../../main/core/child-process.js';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: Partial<HandlerDetails>) => { action: string }) | undefined;
  destroyed = false;
  send = vi.fn();
  setWindowOpenHandler = vi.fn((handler: (details: Partial<HandlerDetails>) => { action: string }) => {
    this.windowOpenHandler = handler;
  });
  isDestroyed = () => this.destroyed;
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  /** When set, loadFile rejects with it, as Electron does for a file that is not there. */
  static loadError: Error | null = null;
  webContents = new FakeWebContents();
  loadFile = vi.fn(async (_file: string) => {
    if (FakeBrowserWindow.loadError) throw FakeBrowserWindow.loadError;
  });
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn();
  isMinimized = () => false;
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeBrowserWindow.created.push(this);
  }
}

class FakeApp extends EventEmitter {
  paths = new Map<string, string>();
  appPath = '/nonexistent';
  isPackaged = false;
  /** Set once a quit was not prevented by any before-quit listener. */
  quitted = false;
  requestSingleInstanceLock = vi.fn(() => true);
  whenReady = vi.fn(async () => {});
  enableSandbox = vi.fn();
  exit = vi.fn();
  getAppPath = () => this.appPath;
  getPath = (name: string) => {
    const path = this.paths.get(name);
    if (!path) throw new Error(`fake app: no path for ${name}`);
    return path;
  };
  setPath = vi.fn((name: string, path: string) => void this.paths.set(name, path));
  quit = vi.fn(() => {
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.quitted = true;
  });
}

export const app = new FakeApp();

export const handlers = new Map<string, Handler>();
export const ipcMain = {
  handle: vi.fn((channel: string, handler: Handler) => {
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, handler);
  }),
  removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
};

export const defaultSession = {
  webRequest: { onHeadersReceived: vi.fn() },
  setPermissionRequestHandler: vi.fn(),
  setPermissionCheckHandler: vi.fn(),
  setDevicePermissionHandler: vi.fn(),
};

export const shell = { openExternal: vi.fn(async (_url: string) => {}), openPath: vi.fn(async (_path: string) => '') };
export const clipboard = { writeText: vi.fn() };
export const dialog = { showErrorBox: vi.fn() };
export const Menu = { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() };
export const contextBridge = { exposeInMainWorld: vi.fn() };
export const ipcRenderer = { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() };

/**
 * utilityProcess.fork, stood in for by Node's fork: the core's children (the deriver's starts with the
 * app) really run, and talk through Node's IPC instead of process.parentPort. Their stderr is not kept.
 */
export const utilityProcess = {
  fork: vi.fn((modulePath: string, args: string[], options: { execArgv: string[] }) => {
    const handle = forkChild(pathToFileURL(modulePath), { args, nodeArgs: options.execArgv });
    const child = Object.assign(new EventEmitter(), {
      stderr: null,
      postMessage: (message: unknown) => handle.send(message),
      kill: () => (handle.kill(), true),
    });
    Object.defineProperty(child, 'pid', { get: () => handle.pid });
    handle.onMessage((message) => child.emit('message', message));
    handle.onExit((exit) => child.emit('exit', exit.code ?? 1));
    return child;
  }),
};

export const electronModule = {
  app,
  BrowserWindow: FakeBrowserWindow,
  ipcMain,
  session: { defaultSession },
  shell,
  clipboard,
  dialog,
  Menu,
  contextBridge,
  ipcRenderer,
  utilityProcess,
};

/** An IPC event as Electron builds it for a call from a frame showing `url`; `sender` is its webContents. */
export function ipcEventFrom(url: string, parent: unknown = null, sender: EventEmitter = new EventEmitter()) {
  return { senderFrame: { url, parent }, sender };
}
