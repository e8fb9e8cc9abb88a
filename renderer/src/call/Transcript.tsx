// The call's transcript as a chat: robot on the left, callee on the right, each with its time offset.
import type { Bubble } from './transcript.js';

export function Transcript({ bubbles }: { bubbles: Bubble[] }) {
  if (bubbles.length === 0) return <p className="quiet">No transcript (AsrResult is absent or empty).</p>;
  return (
    <ol className="chat" aria-label="transcript">
      {bubbles.map((b, i) => (
        <li key={i} className={`bubble ${b.speaker}`}>
          <span className="who">
            {b.speaker === 'other' ? 'not a turn object' : b.speaker}
            {b.time !== null && <time> {b.time}</time>}
          </span>
          <span className="said">{b.text}</span>
        </li>
      ))}
    </ol>
  );
}
