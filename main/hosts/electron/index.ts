// The desktop app's main process (`electron .`, package.json `main`): the same core as `serve`
// (receiver, store, service), one hardened window showing the built UI, and the IPC adapter between
// them. Everything with a decision in it lives in the small modules beside this file.
import { app, clipboard, dialog, ipcMain, Menu, session, shell, utilityProcess } from 'electron';
import type { BrowserWindow } from 'electron';
import { startCore, type Core } from '../../core/app.js';
import { apiToken } from '../http/api-token.js';
import { startHttpApi, type HttpApi } from '../http/http-api.js';
import { DataDirBusyError } from '../../core/data-dir-lock.js';
import { OPEN_EXTERNAL_CHANNEL } from './channels.js';
import { registerIpc } from './ipc.js';
import { registerOpenExternal } from './links.js';
import { menuTemplate } from './menu.js';
import { resolveNativeBinding } from './native-binding.js';
import { appFiles, PRODUCT_NAME, userDataDir, type AppFiles } from './paths.js';
import { loadPrefs, receiverLimits, type LoadedPrefs } from './prefs.js';
import { applySessionPolicy } from './session-policy.js';
import { installGracefulQuit } from './shutdown.js';
import { createAppWindow } from './window.js';
import { utilityLauncher } from './utility-process.js';

export interface Desktop {
  core: Core;
  /** The loopback API the command-line tools use beside the app. */
  cliApi: HttpApi;
  files: AppFiles;
  window(): BrowserWindow | null;
}

const reportError = (error: unknown) => console.error('callback-inspector:', error);

/** The running app once started; null when another instance already runs or the core failed to start. */
export const launched: Promise<Desktop | null> = launch().catch((error: unknown) => {
  reportError(error);
  dialog.showErrorBox(`${PRODUCT_NAME} could not start`, error instanceof Error ? error.message : String(error));
  app.exit(1);
  return null;
});

async function launch(): Promise<Desktop | null> {
  // A second instance would fight the first for the receiver port and the database: hand over instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  app.setPath('userData', userDataDir(app.getPath('appData')));
  // Every renderer sandboxed, whatever a future window's options say (must precede `ready`).
  app.enableSandbox();
  await app.whenReady();

  const dataDir = app.getPath('userData');
  const loaded = loadPrefs(dataDir);
  for (const problem of loaded.problems) reportError(problem);
  const core = await startCore({
    dataDir,
    receiverHost: loaded.prefs.receiverHost,
    receiverPort: loaded.prefs.receiverPort,
    ...receiverLimits(loaded.prefs),
    nativeBinding: resolveNativeBinding({ isPackaged: app.isPackaged, appRoot: app.getAppPath() }),
    // Read at the first launch only (after ready, as Electron requires).
    childLauncher: utilityLauncher(() => utilityProcess.fork),
    onError: reportError,
  }).catch((error: NodeJS.ErrnoException) => {
    throw new Error(startFailure(error, loaded));
  });

  // The command line reaches the core through an API (`wait`, and the commands moved onto the
  // service): the window speaks IPC, so the app also listens on loopback for them, behind the token
  // kept in the data folder and the same Host check as `serve`'s (docs/SECURITY.md). It serves no UI.
  const cliApi = await startHttpApi({ service: core.service, events: core.events, token: apiToken(dataDir), port: 0 }).catch(
    async (error: unknown) => {
      await core.close();
      throw error;
    },
  );

  const files = appFiles(app.getAppPath());
  applySessionPolicy(session.defaultSession);
  let window: BrowserWindow | null = null;
  const openWindow = () => {
    window = createAppWindow(files, (error) =>
      dialog.showErrorBox(`${PRODUCT_NAME}: the UI did not load`, `${String(error)}\nRun \`npm run build\`.`),
    );
    window.on('closed', () => (window = null));
  };

  const disposeIpc = registerIpc({
    ipcMain,
    service: core.service,
    events: core.events,
    pageUrl: files.pageUrl,
    target: () => window?.webContents ?? null,
    onError: reportError,
  });
  registerOpenExternal(ipcMain, files.pageUrl, (url) => shell.openExternal(url));

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        isMac: process.platform === 'darwin',
        isPackaged: app.isPackaged,
        actions: {
          copyReceiverUrl: () => clipboard.writeText(core.receiver.url),
          openDataFolder: () => void shell.openPath(dataDir),
          editReceiverSettings: () => void shell.openPath(loaded.file),
        },
      }),
    ),
  );

  app.on('second-instance', () => {
    if (!window) return openWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  // On macOS the app (and its receiver) keeps running without a window, as mac apps do.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!window) openWindow();
  });
  installGracefulQuit(
    app,
    async () => {
      disposeIpc();
      ipcMain.removeHandler(OPEN_EXTERNAL_CHANNEL);
      await cliApi.close();
      await core.close();
    },
    reportError,
  );

  openWindow();
  return { core, files, cliApi, window: () => window };
}

function startFailure(error: NodeJS.ErrnoException, loaded: LoadedPrefs): string {
  const { receiverHost, receiverPort } = loaded.prefs;
  if (error.code === 'EADDRINUSE') {
    return (
      `The receiver port ${receiverPort} on ${receiverHost} is in use (is \`serve\` or another copy running?).\n` +
      `Stop it, or set "receiverPort" in ${loaded.file} (or CALLBACK_INSPECTOR_PORT) and start again.`
    );
  }
  if (error instanceof DataDirBusyError) return `${error.message}.\nIs \`callback-inspector serve\` running on the app's data directory?`;
  return `Could not start the receiver and store: ${error.message}`;
}
