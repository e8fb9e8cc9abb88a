// The chain on one axis by start time: a marker per attempt, the current one highlighted, and the
// gap to the next attempt written between them.
import type { ChainAttempt } from '../../../shared/api.js';
import { formatDuration } from '../../../shared/contract/times.js';
import type { Gap } from './playback.js';
import { markerLanes, timelinePositions } from './playback.js';

const LANE_PX = 28;

interface Props {
  attempts: ChainAttempt[];
  gaps: Gap[];
  index: number;
  onPick(index: number): void;
}

export function Timeline({ attempts, gaps, index, onPick }: Props) {
  const positions = timelinePositions(attempts.map((a) => a.startMs));
  const lanes = markerLanes(positions, 0.03);
  return (
    <div className="timeline">
      <div className="axis" style={{ height: 40 + Math.max(0, ...lanes) * LANE_PX }}>
        {attempts.map((a, i) => {
          const pos = positions[i] ?? null;
          return (
            <button
              key={i}
              className={`marker ${a.source}${i === index ? ' current' : ''}${i < index ? ' done' : ''}`}
              style={{ left: pos === null ? '100%' : `${pos * 100}%`, bottom: -13 + (lanes[i] ?? 0) * LANE_PX }}
              onClick={() => onPick(i)}
              title={`${a.source} · ${a.startTimeRaw ?? 'no start time'}`}
              aria-label={`attempt ${i + 1}`}
            >
              {i + 1}
            </button>
          );
        })}
      </div>
      <ol className="attempt-list">
        {attempts.map((a, i) => (
          <li key={i} className={i === index ? 'current' : ''}>
            <button onClick={() => onPick(i)}>
              <span className="n">{i + 1}</span>
              <span className="mono">{a.startTimeRaw ?? '—'}</span>
              <span>{a.zoneAmbiguous && <span className="badge warn">no zone</span>}</span>
              <span>{a.source}</span>
              <b className="status">{a.status ?? '—'}</b>
              <span>ring {a.ringType === '' ? '""' : (a.ringType ?? '—')}</span>
              <span>{a.hangupType ?? '—'}</span>
              <b>{a.label ?? '—'}</b>
            </button>
            {gaps[i] && (
              <span className="gap-note">
                {gaps[i].gapMs === null ? 'gap unknown' : `${gaps[i].gapMs < 0 ? '−' : '+'}${formatDuration(gaps[i].gapMs)}`}
                {gaps[i].shortened && ' (shortened in playback)'}
              </span>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
