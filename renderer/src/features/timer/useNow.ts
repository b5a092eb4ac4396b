import { useEffect, useState } from 'react';

/** The current time, refreshed every `intervalMs` while `active`. */
export function useNow(intervalMs = 1000, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const handle = setInterval(tick, intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(handle);
    };
  }, [intervalMs, active]);
  return now;
}
