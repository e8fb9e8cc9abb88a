// Replays a callee's redial chain: every attempt on one timeline, stepped or played at 1×–3600× with
// the original spacing, under the zone reading the user picked for zone-less redial times.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useApi, useAsync } from '../api/context.js';
import { AttemptCard } from './AttemptCard.js';
import { ChainRedeliver } from './ChainRedeliver.js';
import { Timeline } from './Timeline.js';
import { ZonePicker } from './ZonePicker.js';
import { SPEEDS, playbackGaps, speedLabel, type Gap } from './playback.js';
import { formatGap } from '../common/format.js';
import { usePlayback } from './use-playback.js';

/** Longest real wait between two steps, whatever the speed: longer gaps are shortened, and say so. */
const MAX_WAIT_MS = 10_000;

/** A countdown to the next step, with the gap it stands for. */
function NextStep({ at, gap }: { at: number; gap: Gap }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(t);
  }, []);
  const original =
    gap.gapMs === null
      ? 'a start unknown'
      : gap.gapMs < 0
        ? `${formatGap(-gap.gapMs).slice(1)} earlier in this zone reading`
        : `${formatGap(gap.gapMs)} in the chain`;
  return (
    <span className="quiet" aria-live="off">
      next in {(Math.max(0, at - now) / 1000).toFixed(1)} s ({original}
      {gap.shortened ? `, shortened to ${MAX_WAIT_MS / 1000} s` : ''})
    </span>
  );
}

export function ChainScreen({ callee, taskId }: { callee: string; taskId: string | null }) {
  const api = useApi();
  const [offset, setOffset] = useState(0);
  const [speed, setSpeed] = useState<number>(600);
  const loaded = useAsync(
    () => api.getChain({ callee, redialOffsetMinutes: offset, ...(taskId ? { taskId } : {}) }),
    [api, callee, taskId, offset],
  );
  // Keep showing the last chain while a new zone reading loads, so the view does not flicker.
  const [attempts, setAttempts] = useState(loaded.status === 'ready' ? loaded.value : []);
  useEffect(() => {
    if (loaded.status === 'ready') setAttempts(loaded.value);
  }, [loaded]);
  const gaps = useMemo(
    () =>
      playbackGaps(
        attempts.map((a) => a.startMs),
        { speed, maxDelayMs: MAX_WAIT_MS, unknownDelayMs: 1000 },
      ),
    [attempts, speed],
  );
  const playback = usePlayback(attempts.length, gaps);
  const current = attempts[playback.index];
  // ← and → step, as the buttons do; not while typing in a field or choosing in a list. The listener
  // reads the latest step through a ref, so it is added once, not on every render.
  const step = useRef(playback.step);
  step.current = playback.step;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || (e.target instanceof HTMLElement && e.target.closest('input, select, textarea'))) return;
      if (e.key === 'ArrowLeft') step.current(-1);
      else if (e.key === 'ArrowRight') step.current(1);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <section className="screen scroll chain">
      <header className="chain-head">
        <a href="#/inbox" className="back">
          ← Inbox
        </a>
        <h1>
          Redial chain · <span className="value">{callee}</span>
          {taskId && <span className="quiet"> · task {taskId}</span>}
        </h1>
      </header>
      <ZonePicker offset={offset} onChange={setOffset} />
      {loaded.status === 'error' && <div className="error-bar">Could not load the chain: {loaded.error.message}</div>}
      {loaded.status === 'ready' && attempts.length === 0 && <p className="quiet">No calls for {callee}.</p>}
      {current && (
        <>
          <div className="playback">
            <button onClick={() => playback.step(-1)} disabled={playback.index === 0} aria-label="step back">
              ◀ back
            </button>
            <button onClick={playback.toggle} aria-label={playback.playing ? 'pause' : 'play'}>
              {playback.playing ? '❚❚ pause' : '▶ play'}
            </button>
            <button onClick={() => playback.step(1)} disabled={playback.index >= attempts.length - 1} aria-label="step forward">
              forward ▶
            </button>
            <label>
              speed
              <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} aria-label="speed">
                {SPEEDS.map((s) => (
                  <option key={s} value={s}>
                    {speedLabel(s)}
                  </option>
                ))}
              </select>
            </label>
            {playback.nextAt !== null && gaps[playback.index] && <NextStep at={playback.nextAt} gap={gaps[playback.index]!} />}
          </div>
          <div className="chain-body">
            <Timeline attempts={attempts} gaps={gaps} index={playback.index} onPick={playback.go} />
            <AttemptCard
              attempt={current}
              previous={attempts[playback.index - 1]}
              position={playback.index}
              total={attempts.length}
              offset={offset}
            />
          </div>
          <ChainRedeliver callee={callee} taskId={taskId} />
        </>
      )}
    </section>
  );
}
