// QBO reports times in the company's zone (the sample company is in California), with the
// offset written out, e.g. 2026-01-15T10:33:39-08:00. Clients must parse the offset, so the
// sandbox does not answer in UTC.
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { isLocalDate } from '../../shared/time/local-date';
import { localDate, zonedInstant } from '../../shared/time/zone';

/** The zone of Intuit's sample companies and of the seeded one, unless a reset picks another. */
export const SANDBOX_ZONE = 'America/Los_Angeles';

/** `2026-01-15T10:33:39-08:00` in the zone (the offset in force at that instant), or with milliseconds for the envelope's `time`. */
export function qboDateTime(ms: number, withMillis = false, zone = SANDBOX_ZONE): string {
  return format(new TZDate(ms, zone), withMillis ? "yyyy-MM-dd'T'HH:mm:ss.SSSxxx" : "yyyy-MM-dd'T'HH:mm:ssxxx");
}

/** The company's calendar date, which is what QBO defaults TxnDate to. */
export function qboDate(ms: number, zone = SANDBOX_ZONE): string {
  return localDate(ms, zone);
}

// "2021-02-02T08:00:00-08:00", "08:00:00-08:00" (the documented time-only form, on the TxnDate),
// and either without its offset, which QBO reads on the company's clock.
const QBO_TIME = /^(?:(\d{4}-\d{2}-\d{2})T)?([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,3})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?$/;

/**
 * The instant a StartTime/EndTime means, or NaN when it is not a time. `date` is the day a
 * time-only value falls on (the TxnDate sent, or the company's today).
 */
export function qboInstant(value: unknown, date: string, zone: string): number {
  const m = typeof value === 'string' ? QBO_TIME.exec(value) : null;
  if (!m) return Number.NaN;
  const [, day = date, hh, mm, ss = '00', offset] = m;
  if (!isLocalDate(day)) return Number.NaN;
  if (offset) return Date.parse(`${day}T${hh}:${mm}:${ss}${offset}`);
  return zonedInstant(day, `${hh}:${mm}`, zone) + Number(ss) * 1000;
}

export const DAY_MS = 86_400_000;
