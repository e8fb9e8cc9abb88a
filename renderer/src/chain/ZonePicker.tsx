// How to read zone-less redial times. The payload never says; the user chooses, and the choice is
// shown next to every time it affects.
import { useState } from 'react';
import { formatOffset, parseOffset } from './zone.js';

type Mode = 'utc' | 'utc8' | 'custom';
const PRESET_MINUTES: Record<Exclude<Mode, 'custom'>, number> = { utc: 0, utc8: 480 };

export function ZonePicker({ offset, onChange }: { offset: number; onChange(minutes: number): void }) {
  const [mode, setMode] = useState<Mode>(offset === 0 ? 'utc' : offset === 480 ? 'utc8' : 'custom');
  const [custom, setCustom] = useState(mode === 'custom' ? formatOffset(offset).slice(3) : '+05:30');
  const parsed = parseOffset(custom);
  const choose = (next: Mode) => {
    setMode(next);
    if (next !== 'custom') onChange(PRESET_MINUTES[next]);
    else if (parsed !== null) onChange(parsed);
  };
  return (
    <fieldset className="zone-picker">
      <legend>Read RedailCall times (no zone in the payload) as</legend>
      <label>
        <input type="radio" name="zone" checked={mode === 'utc'} onChange={() => choose('utc')} /> UTC
      </label>
      <label>
        <input type="radio" name="zone" checked={mode === 'utc8'} onChange={() => choose('utc8')} /> UTC+8
      </label>
      <label>
        <input type="radio" name="zone" checked={mode === 'custom'} onChange={() => choose('custom')} /> custom
      </label>
      <input
        aria-label="custom UTC offset"
        className={parsed === null ? 'invalid' : ''}
        size={7}
        value={custom}
        disabled={mode !== 'custom'}
        onChange={(e) => {
          setCustom(e.target.value);
          const m = parseOffset(e.target.value);
          if (m !== null) onChange(m);
        }}
      />
      {mode === 'custom' && parsed === null && <span className="invalid-note">write an offset such as +05:30 or -3</span>}
      <span className="zone-now">reading as {formatOffset(offset)}</span>
    </fieldset>
  );
}
