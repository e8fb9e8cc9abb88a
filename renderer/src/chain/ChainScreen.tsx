// Replays a callee's redial chain: every attempt on one timeline, stepped or played at 1×–60× with
// the original spacing, under the zone reading the user picked for zone-less redial times.
import { useEffect, useMemo, useState } from 'react';
import { useApi, useAsync } from '../api/context.js';
import { AttemptCard } from './AttemptCard.js';
import { ChainRedeliver } from './ChainRedeliver.js';
import { Timeline } from './Timeline.js';
import { ZonePicker } from './ZonePicker.js';
import { SPEEDS, playbackGaps } from './playback.js';
import { usePlayback } from './use-playback.js';

export function ChainScreen({ callee, taskId }: { callee: string; taskId: string | null }) {
  const api = useApi();
  const [offset, setOffset] = useState(0);
  const [speed, setSpeed] = useState<number>(10);
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
    () => playbackGaps(attempts.map((a) => a.startMs), { speed, maxDelayMs: 5_000, unknownDelayMs: 1000 }),
    [attempts, speed],
  );
  const playback = usePlayback(attempts.length, gaps);
  const current = attempts[playback.index];

  return (
    <section className="screen scroll chain">
      <header className="chain-head">
        <a href="#/inbox" className="back">← Inbox</a>
        <h1>Redial chain · <span className="value">{callee}</span>{taskId && <span className="quiet"> · task {taskId}</span>}</h1>
      </header>
      <ZonePicker offset={offset} onChange={setOffset} />
      {loaded.status === 'error' && <div className="error-bar">Could not load the chain: {loaded.error.message}</div>}
      {loaded.status === 'ready' && attempts.length === 0 && <p className="quiet">No calls for {callee}.</p>}
      {current && (
        <>
          <div className="playback">
            <button onClick={() => playback.step(-1)} disabled={playback.index === 0} aria-label="step back">◀ back</button>
            <button onClick={playback.toggle} aria-label={playback.playing ? 'pause' : 'play'}>{playback.playing ? '❚❚ pause' : '▶ play'}</button>
            <button onClick={() => playback.step(1)} disabled={playback.index >= attempts.length - 1} aria-label="step forward">forward ▶</button>
            <label>
              speed
              <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} aria-label="speed">
                {SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
              </select>
            </label>
            <span className="quiet">
              {playback.playing && gaps[playback.index] ? `next in ${(gaps[playback.index]!.delayMs / 1000).toFixed(1)} s` : ''}
            </span>
          </div>
          <div className="chain-body">
            <Timeline attempts={attempts} gaps={gaps} index={playback.index} onPick={playback.go} />
            <AttemptCard attempt={current} previous={attempts[playback.index - 1]} position={playback.index} total={attempts.length} offset={offset} />
          </div>
          <ChainRedeliver callee={callee} taskId={taskId} />
        </>
      )}
    </section>
  );
}
