// Where the app's pieces are, relative to the app root (the project folder when run with
// `electron .`, resources/app.asar when packaged), and where its data goes.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WindowFiles } from './window.js';

export const PRODUCT_NAME = 'Callback Inspector';

export interface AppFiles extends WindowFiles {
  /** The only page whose IPC calls are answered (see sender.ts). */
  pageUrl: string;
}

export function appFiles(appRoot: string): AppFiles {
  const indexHtml = join(appRoot, 'dist', 'renderer', 'index.html');
  return {
    preload: join(appRoot, 'dist', 'preload', 'preload.cjs'),
    indexHtml,
    pageUrl: pathToFileURL(indexHtml).href,
  };
}

/**
 * The user-data folder, named after the product rather than left to Electron's default: that default
 * follows package.json's `name` when run from source and may follow the product name when packaged,
 * and both must find the same database.
 */
export function userDataDir(appData: string): string {
  return join(appData, PRODUCT_NAME);
}
