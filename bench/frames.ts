// Frame timing inside the page, for the UI benchmarks: every animation frame's time (a window that
// freezes draws none, so the longest gap between two is the longest freeze the user saw) and
// Chromium's long-animation-frame entries (how long the frame's work took, from its first task to its
// paint). Times are the page's performance.now().
import type { Page } from 'playwright-core';

interface Recorder {
  frames: number[];
  loafs: Array<{ start: number; end: number; scripts: number; layout: number }>;
  keys: number[];
  presses: number[];
}

/** Starts recording on the page (once per page; it keeps running). */
export async function recordFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames?: Recorder };
    if (w.__frames) return;
    const r: Recorder = { frames: [], loafs: [], keys: [], presses: [] };
    w.__frames = r;
    const tick = (t: number) => {
      r.frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          const f = e as PerformanceEntry & { scripts: Array<{ duration: number }>; styleAndLayoutStart: number };
          const end = f.startTime + f.duration;
          r.loafs.push({
            start: f.startTime,
            end,
            scripts: f.scripts.reduce((sum, s) => sum + s.duration, 0),
            layout: f.styleAndLayoutStart > 0 ? end - f.styleAndLayoutStart : 0,
          });
        }
      }).observe({ type: 'long-animation-frame' });
    } catch {
      // Not this browser: the frame gaps alone.
    }
    // A key's time is when the input event was made (event.timeStamp), so a busy page's queueing counts.
    window.addEventListener('keydown', (e) => r.keys.push(e.timeStamp), true);
    window.addEventListener('pointerdown', (e) => r.presses.push(e.timeStamp), true);
  });
}

export const now = (page: Page): Promise<number> => page.evaluate(() => performance.now());

export interface Longest {
  /** The longest gap between two drawn frames that ends after `from` (or the time since the last frame, when none came yet). */
  gap: number;
  /** The longest long-animation-frame that ends after `from`, 0 when none (or no such entries in this browser). */
  loaf: number;
  /** Of that frame: the time in scripts (those over 5 ms) and in style, layout and paint: where it went. */
  loafScripts: number;
  loafLayout: number;
}

/** The longest frame between `from` and now. */
export async function longestFrameSince(page: Page, from: number): Promise<Longest> {
  return page.evaluate((from) => {
    const r = (window as unknown as { __frames: Recorder }).__frames;
    let gap = 0;
    const f = r.frames;
    for (let i = f.length - 1; i > 0 && f[i]! > from; i--) gap = Math.max(gap, f[i]! - f[i - 1]!);
    gap = Math.max(gap, performance.now() - (f.at(-1) ?? from));
    const longest = r.loafs.filter((l) => l.end > from).sort((a, b) => b.end - b.start - (a.end - a.start))[0];
    return { gap, loaf: longest ? longest.end - longest.start : 0, loafScripts: longest?.scripts ?? 0, loafLayout: longest?.layout ?? 0 };
  }, from);
}

/**
 * The time of the first frame after `from` that the page drew once its work was done: the first
 * frame followed by two short gaps (each ≤ 34 ms, two frames at 60 Hz). Waits up to `timeoutMs`.
 */
export async function settledAfter(page: Page, from: number, timeoutMs = 60_000): Promise<number> {
  return page.evaluate(
    ({ from, timeoutMs }) =>
      new Promise<number>((resolve, reject) => {
        const r = (window as unknown as { __frames: Recorder }).__frames;
        const deadline = performance.now() + timeoutMs;
        const check = () => {
          const f = r.frames;
          let i = f.findIndex((t) => t > from);
          for (; i >= 0 && i + 2 < f.length; i++) {
            if (f[i + 1]! - f[i]! <= 34 && f[i + 2]! - f[i + 1]! <= 34) return resolve(f[i]!);
          }
          if (performance.now() > deadline) return reject(new Error(`the page did not settle within ${timeoutMs} ms`));
          requestAnimationFrame(check);
        };
        check();
      }),
    { from, timeoutMs },
  );
}

/** When the last key went down (its keydown's timeStamp). */
export function lastKeyAt(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __frames: Recorder }).__frames.keys.at(-1) ?? NaN);
}

/** When the mouse button last went down (its pointerdown's timeStamp): where a click starts. */
export function lastPressAt(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __frames: Recorder }).__frames.presses.at(-1) ?? NaN);
}

/**
 * Resolves once `selector` matches an element whose text includes `text`, with the time of the frame
 * after the one that first had it: that frame starts once the first is painted (a frame's callbacks
 * run before its layout and paint, which for a large document are most of the work).
 */
export function frameWhen(page: Page, selector: string, text: string, timeoutMs = 120_000): Promise<number> {
  return page.evaluate(
    ({ selector, text, timeoutMs }) =>
      new Promise<number>((resolve, reject) => {
        const deadline = performance.now() + timeoutMs;
        const check = (t: number) => {
          for (const el of Array.from(document.querySelectorAll(selector)))
            if (el.textContent?.includes(text)) return requestAnimationFrame(resolve);
          if (t > deadline) return reject(new Error(`no ${selector} with ${text} within ${timeoutMs} ms`));
          requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    { selector, text, timeoutMs },
  );
}
