// The viewer's time zone and a coarse "now" for screens that show running totals.
import { useEffect, useState } from 'react';
import { currentZone, localDate } from '../../../shared/time/zone';

/** The zone the user is in now; new entries are recorded in it and screens show dates in it. */
export { currentZone };

export function today(zone = currentZone(), now = Date.now()): string {
  return localDate(now, zone);
}

/** The current time, refreshed every `everyMs` while `active`. */
export function useNow(everyMs = 1000, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const handle = setInterval(tick, everyMs);
    return () => {
      clearTimeout(first);
      clearInterval(handle);
    };
  }, [everyMs, active]);
  return now;
}
