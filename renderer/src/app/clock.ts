// The viewer's time zone and a coarse "now" for screens that show running totals.
import { useEffect, useState } from 'react';
import { localDate } from '../../../shared/time/zone';

export function currentZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function today(zone = currentZone(), now = Date.now()): string {
  return localDate(now, zone);
}

/** Re-renders every `everyMs` with the current time. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const handle = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(handle);
  }, [everyMs]);
  return now;
}
