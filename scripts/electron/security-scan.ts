// `npm run lint:security`: electronegativity over the built app (dist/main, dist/preload,
// dist/renderer, dist/shared), offline. Fails on any high or medium finding that is not accepted
// below with its reason, and on an acceptance that no longer matches anything (so the list cannot
// silently outlive the code it excuses). Low and informational findings are printed, not fatal.
import { cpSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Finding {
  id: string;
  severity: string;
  confidence: string;
  file: string;
  line: number;
  sample: string;
}

interface Acceptance {
  id: string;
  file: string;
  /** The flagged source line must contain this, so a new finding of the same kind is not covered. */
  line: string;
  why: string;
}

export const ACCEPTED: Acceptance[] = [
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main/hosts/electron/index.js',
    line: 'shell.openExternal(url)',
    why:
      'The one way out to the system browser. It is reached only through links.ts, which takes calls ' +
      'from the app page alone (sender check) and only well-formed http(s) URLs, and only when the ' +
      'preload saw a trusted (user) click; the check flags every non-literal argument, by design.',
  },
  {
    id: 'PRELOAD_JS_CHECK',
    file: 'main/hosts/electron/window.js',
    line: 'preload: files.preload',
    why:
      'Flags every preload for review. Ours exposes one object through contextBridge: the contract ' +
      'operations (each an ipcRenderer.invoke on its own channel) and `on`; never ipcRenderer or an IPC ' +
      'event (test/unit/electron/preload.test.ts checks exactly that), in a sandboxed renderer.',
  },
  {
    id: 'DANGEROUS_FUNCTIONS_JS_CHECK',
    file: 'main/core/receiver/http-server.js',
    line: 'res.setTimeout(answer.delayMs',
    why:
      "ServerResponse.setTimeout(ms, callback), the socket's idle timeout, not the global setTimeout; " +
      'the check sees a computed first argument (delay + 30 s) and cannot tell it from a string to evaluate.',
  },
];

const BLOCKING = new Set(['HIGH', 'MEDIUM']);
const PARTS = ['main', 'preload', 'renderer', 'shared'];

/** electronegativity reads only .js/.ts/.html files: a staged copy gives the bundled preload.cjs a .js name. */
function stage(distDir: string): string {
  const missing = ['main', 'preload', 'renderer'].filter((p) => !existsSync(join(distDir, p)));
  if (missing.length) throw new Error(`not built: ${missing.map((p) => `dist/${p}`).join(', ')} (run the build first)`);
  const staged = mkdtempSync(join(tmpdir(), 'ci-scan-'));
  for (const part of PARTS) if (existsSync(join(distDir, part))) cpSync(join(distDir, part), join(staged, part), { recursive: true });
  const rename = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) rename(path);
      else if (/\.[cm]js$/.test(name)) renameSync(path, path.replace(/\.[cm]js$/, '.js'));
    }
  };
  rename(staged);
  return staged;
}

export async function scan(distDir: string, electronVersion: string): Promise<Finding[]> {
  const staged = stage(distDir);
  try {
    const run = createRequire(import.meta.url)('@doyensec/electronegativity') as (options: object) => Promise<{
      errors: Array<{ file: string; message: string; tolerable: boolean }>;
      issues: Array<{
        id: string;
        file: string;
        sample: string;
        severity: { name: string };
        confidence: { name: string };
        location: { line: number };
      }>;
    }>;
    const result = await run({
      input: staged,
      // This check looks up Electron's release notes on the network; the rest work offline.
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
      electronVersionOverride: electronVersion,
      isRelative: true,
    });
    const broken = result.errors.filter((e) => !e.tolerable);
    if (broken.length) throw new Error(`electronegativity could not parse: ${broken.map((e) => `${e.file}: ${e.message}`).join('; ')}`);
    return result.issues.map((i) => ({
      id: i.id,
      severity: i.severity.name,
      confidence: i.confidence.name,
      file: i.file.split('\\').join('/'),
      line: i.location.line,
      sample: i.sample ?? '',
    }));
  } finally {
    rmSync(staged, { recursive: true, force: true });
  }
}

export function judge(findings: Finding[], accepted = ACCEPTED) {
  const isAccepted = (f: Finding) => accepted.find((a) => a.id === f.id && a.file === f.file && f.sample.includes(a.line));
  const blocking = findings.filter((f) => BLOCKING.has(f.severity) && !isAccepted(f));
  const stale = accepted.filter((a) => !findings.some((f) => a.id === f.id && a.file === f.file && f.sample.includes(a.line)));
  return { blocking, stale, accepted: findings.filter((f) => isAccepted(f)), other: findings.filter((f) => !BLOCKING.has(f.severity)) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const electron = (createRequire(import.meta.url)('electron/package.json') as { version: string }).version;
  const findings = await scan(join(process.cwd(), 'dist'), electron);
  const verdict = judge(findings);
  const show = (f: Finding) => `  ${f.severity.padEnd(8)} ${f.id} ${f.file}:${f.line}`;
  console.log(`electronegativity (Electron ${electron}): ${findings.length} finding(s)`);
  if (verdict.accepted.length) console.log(`accepted (see ACCEPTED in ${import.meta.url}):\n${verdict.accepted.map(show).join('\n')}`);
  if (verdict.other.length) console.log(`low/informational (not fatal):\n${verdict.other.map(show).join('\n')}`);
  if (verdict.stale.length)
    console.error(`accepted but no longer found, remove from ACCEPTED:\n${verdict.stale.map((a) => `  ${a.id} ${a.file}`).join('\n')}`);
  if (verdict.blocking.length) console.error(`high/medium findings:\n${verdict.blocking.map(show).join('\n')}`);
  process.exitCode = verdict.blocking.length || verdict.stale.length ? 1 : 0;
}
