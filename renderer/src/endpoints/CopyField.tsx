// A URL in a read-only box with a copy button; the box selects itself on focus, for when the
// clipboard is not available (it needs a secure context).
import { useState } from 'react';

export function CopyField({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const show = (next: 'copied' | 'failed') => {
    setState(next);
    setTimeout(() => setState('idle'), 2000);
  };
  return (
    <span className="copy-field">
      <input readOnly value={value} aria-label={label} onFocus={(e) => e.target.select()} size={Math.min(60, value.length + 2)} />
      <button
        onClick={() =>
          navigator.clipboard.writeText(value).then(
            () => show('copied'),
            () => show('failed'),
          )
        }
      >
        {state === 'copied' ? 'copied' : 'copy'}
      </button>
      {state === 'failed' && <span className="invalid-note">no clipboard access: select the text and copy it</span>}
    </span>
  );
}
