// "next attempt in N s" while a job waits out the vendor policy's interval, counting down. The core
// says when the attempt is due (JobInfo.nextAttemptAt); the page only counts the seconds to it.
import { useEffect, useState } from 'react';

export function RetryCountdown({ at }: { at: number | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    setNow(Date.now());
    // Four ticks a second, so the shown second changes close to when it should.
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [at]);
  if (at === null) return null;
  return <span className="retry-countdown"> · next attempt in {Math.max(0, Math.ceil((at - now) / 1000))} s</span>;
}
