// QBO reports times in the company's zone (the sample company is in California), with the
// offset written out, e.g. 2026-01-15T10:33:39-08:00. Clients must parse the offset, so the
// sandbox does not answer in UTC.

const ZONE = 'America/Los_Angeles';
const formatter = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  timeZoneName: 'longOffset',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parts(ms: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of formatter.formatToParts(new Date(ms))) out[p.type] = p.value;
  return out;
}

/** `2026-01-15T10:33:39-08:00`, or with milliseconds for the envelope's `time`. */
export function qboDateTime(ms: number, withMillis = false): string {
  const p = parts(ms);
  const offset = (p.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  const millis = withMillis ? `.${String(ms % 1000).padStart(3, '0')}` : '';
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${millis}${offset}`;
}

/** The company's calendar date, which is what QBO defaults TxnDate to. */
export function qboDate(ms: number): string {
  const p = parts(ms);
  return `${p.year}-${p.month}-${p.day}`;
}

export const DAY_MS = 86_400_000;
