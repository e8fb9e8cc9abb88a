// Benchmark (npm run bench): frame times while scrolling an inbox of 100,000 deliveries. The
// store is filled with `import` (the CLI as a QA script uses it), then the built UI is scrolled in
// Chromium for a few seconds while every frame's duration is recorded.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchChromium, openUi, startServe } from '../test/e2e/support/browser.js';

const ROWS = Number(process.env.UI_BENCH_ROWS ?? 100_000);
const bin = new URL('../bin/callback-inspector.js', import.meta.url).pathname;
const seed = JSON.parse(readFileSync(new URL('../test/fixtures/seed-example.json', import.meta.url), 'utf8'));
function exportFile(dir: string): string {
  const lines: string[] = [];
  const start = Date.UTC(2024, 0, 1);
  for (let i = 1; i <= ROWS; i++) {
    const body = Buffer.from(JSON.stringify({ ...seed, TaskName: `Task-${i % 50}`, Details: [{ ...seed.Details[0], id: i, CallID: i.toString(16).padStart(32, '0') }] }));
    lines.push(JSON.stringify({
      id: i, receivedAt: new Date(start + i * 1000).toISOString(), endpoint: 'default', method: 'POST', path: '/', query: '',
      headers: [['content-type', 'application/json']], remoteAddress: '127.0.0.1', bodyBase64: body.toString('base64'),
      sha256: createHash('sha256').update(body).digest('hex'), size: body.length, truncated: false, kind: 'call-end', shape: null,
      problems: [], sign: 'not-checked', response: { status: 200 }, retryOf: null, attempt: 1, taskId: seed.TaskID, callCount: 1,
    }));
  }
  const file = join(dir, 'bench.ndjson');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

describe('inbox scrolling benchmark', () => {
  it(`scrolls ${ROWS} deliveries with frame times recorded`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ci-bench-'));
    const data = join(dir, 'data');
    try {
      const imported = spawnSync(process.execPath, [bin, 'import', '--data', data, exportFile(dir)], { encoding: 'utf8' });
      expect(imported.status, imported.stderr).toBe(0);
      await scroll(data);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});

/** Serves the filled store and scrolls its inbox, printing the frame times. */
async function scroll(data: string) {
  const served = await startServe(data);
  const browser = await launchChromium();
  try {
    const { page } = await openUi(browser, served.ui);
    await page.locator('.inbox-row[data-id]').first().waitFor();
    // Scroll by one screen per frame for 8 s (far faster than a user); older pages load as it goes.
    const result = await page.evaluate(async () => {
      const el = document.querySelector('.inbox-scroll') as HTMLElement;
      const frames: number[] = [];
      let last = performance.now();
      const end = last + 8000;
      await new Promise<void>((done) => {
        const tick = (t: number) => {
          frames.push(t - last);
          last = t;
          el.scrollTop += el.clientHeight;
          if (t < end) requestAnimationFrame(tick);
          else done();
        };
        requestAnimationFrame(tick);
      });
      return { frames, rows: document.querySelector('.count')?.textContent ?? '' };
    });
    const f = result.frames.slice(1);
    console.log(
      `inbox scroll over ${ROWS} deliveries: ${f.length} frames in 8 s, p50 ${percentile(f, 0.5).toFixed(1)} ms, p95 ${percentile(f, 0.95).toFixed(1)} ms, max ${Math.max(...f).toFixed(1)} ms; loaded ${result.rows}`,
    );
    // Frame times depend on the machine (software rendering, shared CPUs): the numbers are the report.
    // A scroll that loaded nothing would measure an empty list, so that much is checked.
    expect(Number(/\d+/.exec(result.rows)?.[0])).toBeGreaterThan(1000);
  } finally {
    await browser.close();
    await served.stop();
  }
}
