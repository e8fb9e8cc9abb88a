// Steps through a chain: back, forward, and play with the waits from playbackGaps.
import { useEffect, useState } from 'react';
import type { Gap } from './playback.js';

export interface Playback {
  index: number;
  playing: boolean;
  /** When playing: the Date.now() at which the next step comes. */
  nextAt: number | null;
  go(index: number): void;
  step(delta: 1 | -1): void;
  toggle(): void;
}

export function usePlayback(count: number, gaps: Gap[]): Playback {
  const [index, setIndex] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [nextAt, setNextAt] = useState<number | null>(null);
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));

  useEffect(() => {
    if (index > count - 1) setIndex(Math.max(0, count - 1));
  }, [count, index]);

  useEffect(() => {
    setNextAt(null);
    if (!playing) return;
    if (index >= count - 1) {
      setPlaying(false);
      return;
    }
    const delay = gaps[index]?.delayMs ?? 0;
    setNextAt(Date.now() + delay);
    const t = setTimeout(() => setIndex(index + 1), delay);
    return () => clearTimeout(t);
  }, [playing, index, count, gaps]);

  return {
    index,
    playing,
    nextAt,
    go: (i) => setIndex(clamp(i)),
    step: (delta) => {
      setPlaying(false);
      setIndex((i) => clamp(i + delta));
    },
    toggle: () => {
      // Playing from the last step starts over.
      if (!playing && index >= count - 1) setIndex(0);
      setPlaying(!playing);
    },
  };
}
