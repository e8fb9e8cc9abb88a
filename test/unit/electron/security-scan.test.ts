// How electronegativity's findings are judged against the few accepted (with their reasons) in
// scripts/electron/security-scan.ts, and that the scan catches an unsafe app. The scan of the
// built app itself is test/e2e/security-scan.test.ts (it needs `npm run build`).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ACCEPTED, judge, scan, type Finding } from '../../../scripts/electron/security-scan.js';

const electronVersion = (createRequire(import.meta.url)('electron/package.json') as { version: string }).version;
const finding = (over: Partial<Finding>): Finding => ({
  id: 'OPEN_EXTERNAL_JS_CHECK',
  severity: 'MEDIUM',
  confidence: 'TENTATIVE',
  file: 'main/hosts/electron/index.js',
  line: 1,
  sample: 'registerOpenExternal(ipcMain, files.pageUrl, (url) => shell.openExternal(url));',
  ...over,
});

describe('judging findings', () => {
  const openExternal = ACCEPTED.find((a) => a.id === 'OPEN_EXTERNAL_JS_CHECK')!;
  const only = [openExternal];

  it('lets an accepted finding through, at whatever line it moved to', () => {
    expect(judge([finding({ line: 99 })], only)).toMatchObject({ blocking: [], stale: [] });
  });

  it('blocks the same kind of finding on another line of the same file', () => {
    const other = finding({ sample: 'shell.openExternal(event.url)' });
    expect(judge([finding({}), other], only).blocking).toEqual([other]);
  });

  it('blocks high and medium findings nobody accepted, and only reports low ones', () => {
    const high = finding({ id: 'CONTEXT_ISOLATION_JS_CHECK', severity: 'HIGH', file: 'main/hosts/electron/window.js' });
    const low = finding({ id: 'CSP_GLOBAL_CHECK', severity: 'LOW' });
    const verdict = judge([finding({}), high, low], only);
    expect(verdict.blocking).toEqual([high]);
    expect(verdict.other).toEqual([low]);
  });

  it('reports an acceptance that no longer matches anything', () => {
    expect(judge([], only).stale).toEqual(only);
  });
});

describe('electronegativity', () => {
  const fake = mkdtempSync(join(tmpdir(), 'ci-scan-fixture-'));
  afterAll(() => rmSync(fake, { recursive: true, force: true }));

  it('catches an unsafe window and a dangerous bundled preload (the .cjs bundle is scanned)', async () => {
    for (const dir of ['main', 'preload', 'renderer']) mkdirSync(join(fake, dir));
    writeFileSync(join(fake, 'main', 'index.js'), 'new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false } });\n');
    writeFileSync(join(fake, 'preload', 'preload.cjs'), "const code = 'a' + process.argv[2];\neval(code);\n");
    writeFileSync(join(fake, 'renderer', 'index.html'), '<!doctype html><title>x</title>\n');
    const ids = (await scan(fake, electronVersion)).map((f) => `${f.id} ${f.file}`);
    expect(ids).toContain('CONTEXT_ISOLATION_JS_CHECK main/index.js');
    expect(ids).toContain('SANDBOX_JS_CHECK main/index.js');
    expect(ids).toContain('DANGEROUS_FUNCTIONS_JS_CHECK preload/preload.js');
  });
}, 120_000);
