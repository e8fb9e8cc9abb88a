// What the UI end-to-end tests share: `serve` started from the built CLI as a user starts it, Chromium
// (chromium-path.ts: $CHROMIUM_PATH or the usual places) driven by playwright-core, real HTTP to the
// receiver, and screenshots kept as artifacts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { findChromium } from './chromium-path.js';

const bin = new URL('../../../bin/callback-inspector.js', import.meta.url).pathname;
const screenshots = new URL('../../../artifacts/screenshots/', import.meta.url).pathname;

export interface Served {
  receiver: string;
  ui: string;
  dataDir: string;
  stop(): Promise<void>;
  /** kill -9: the process gets no chance to finish anything (the data dir is kept). */
  crash(): Promise<void>;
}

/** `callback-inspector serve` on a temp data dir and free ports (plus `extra` flags); resolves once both URLs are printed. */
export async function startServe(dataDir?: string, extra: string[] = []): Promise<Served> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'ci-ui-'));
  const child: ChildProcess = spawn(process.execPath, [bin, 'serve', '--port', '0', '--ui-port', '0', '--data', dir, ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const urls: Record<string, string> = {};
  for await (const line of createInterface({ input: child.stdout! })) {
    const m = /^(receiver|ui): (\S+)$/.exec(line);
    if (m) urls[m[1]!] = m[2]!;
    if (urls.receiver && urls.ui) break;
  }
  if (!urls.receiver || !urls.ui) {
    child.kill('SIGKILL');
    throw new Error(`serve did not print its URLs: ${stderr}`);
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    receiver: urls.receiver,
    ui: urls.ui,
    dataDir: dir,
    crash: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** `serve` and Chromium shared by one file's tests: started before the first, stopped after the last. */
export function serveAndBrowser(): { served: Served; browser: Browser } {
  const shared = {} as { served: Served; browser: Browser };
  beforeAll(async () => {
    shared.served = await startServe();
    shared.browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await shared.browser?.close();
    await shared.served?.stop();
  });
  return shared;
}

/** serveAndBrowser, plus one page on the UI's inbox (its errors collected), opened before the first test. */
export function servedUi(): { served: Served; browser: Browser; page: Page; errors: string[] } {
  const shared = serveAndBrowser() as { served: Served; browser: Browser; page: Page; errors: string[] };
  beforeAll(async () => {
    ({ page: shared.page, errors: shared.errors } = await openUi(shared.browser, shared.served.ui));
    await shared.page.locator('.inbox').waitFor();
  }, 60_000);
  return shared;
}

/** A page that fails the test on any uncaught page error, as a user would see a broken screen. */
export async function openUi(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url);
  return { page, errors };
}

export async function post(
  url: string,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<number> {
  const res = await fetch(url, { method: 'POST', headers, body });
  await res.arrayBuffer();
  return res.status;
}

export async function screenshot(page: Page, screen: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${screen}.png`) });
}
