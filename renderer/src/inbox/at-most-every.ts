// Runs an async job at most once per interval however often it is asked for, never two at once, and
// for about a share of the time at most: after a run the pause is the job's cost × (1/share − 1), up to
// a longest pause, so a job that is slow (a COUNT that scans a large store, on the receiver's thread)
// runs less often. Its cost is the fastest run but the first: a first run is often slower (a cold
// cache, a page still loading), and one slow run (waiting on something else) says little. Asking
// while a run is under way, or during the pause, runs the job once more afterwards, so the last ask is
// always followed by a run that started after it.

export interface Throttled {
  /** Asks for a run: at once if the last one is over and far enough back, otherwise later. */
  ask(): void;
  /** No more runs; one under way finishes, its caller decides whether its result still counts. */
  stop(): void;
}

export interface Pace {
  everyMs: number;
  /** Of the time, what runs may take (0.1: a tenth); 1 puts no bound. */
  share?: number;
  /** The pause after a slow run is at most this long. */
  longestPauseMs?: number;
}

export function atMostEvery(run: () => Promise<unknown>, { everyMs, share = 1, longestPauseMs = Infinity }: Pace): Throttled {
  let nextAt = -Infinity;
  let runs = 0;
  let cost = 0;
  let running = false;
  let asked = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const start = () => {
    timer = null;
    asked = false;
    running = true;
    const started = Date.now();
    const done = () => {
      const ended = Date.now();
      if (++runs === 2 || (runs > 2 && ended - started < cost)) cost = ended - started;
      nextAt = Math.max(started + everyMs, ended + Math.min(longestPauseMs, cost * (1 / share - 1)));
      running = false;
      if (asked) ask();
    };
    run().then(done, done);
  };

  function ask() {
    if (stopped) return;
    asked = true;
    if (running || timer !== null) return;
    const wait = nextAt - Date.now();
    if (wait <= 0) start();
    else timer = setTimeout(start, wait);
  }

  return {
    ask,
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
