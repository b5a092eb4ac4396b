// Durations as users type them into the timesheet, and the h:mm form we show back.

export type DurationParse = { ok: true; minutes: number } | { ok: false; error: string };

const HOURS_UNIT = '(?:h|hr|hrs|hour|hours)';
const MINUTES_UNIT = '(?:m|min|mins|minute|minutes)';
const NUMBER = '(\\d+(?:\\.\\d*)?|\\.\\d+)';
const CLOCK = /^(\d+):(\d{2})$/;
const HOURS = new RegExp(`^${NUMBER}\\s*${HOURS_UNIT}?$`);
const MINUTES = new RegExp(`^${NUMBER}\\s*${MINUTES_UNIT}$`);
const HOURS_AND_MINUTES = new RegExp(`^(\\d+)\\s*${HOURS_UNIT}\\s*(\\d+)\\s*${MINUTES_UNIT}?$`);

/** Entries are capped at 24 h, so anything longer is a typo (e.g. "130" meant as 1:30). */
const MAX_HOURS = 24;
const HINT = 'Try 1:30, 1.5h, 90m or 1h 30m.';

/**
 * Reads "1:30", "1.5h", "1,5h", "90m", "1h 30m", "1h30", "2" (bare numbers are hours), "0:05",
 * ".25h". Returns whole minutes; decimal hours that do not land on a minute are rounded to the
 * nearest minute (half up), so "0.01h" (36 s) is 1 minute. `maxHours` raises the 24-hour cap of an
 * entry for totals such as a budget or a retainer's allowance.
 */
export function parseDuration(input: string, { maxHours = MAX_HOURS }: { maxHours?: number } = {}): DurationParse {
  const text = input.trim().toLowerCase().replace(',', '.');
  if (text === '') return { ok: false, error: `Enter a duration. ${HINT}` };
  if (text.startsWith('-')) return { ok: false, error: 'A duration cannot be negative.' };

  let minutes: number | undefined;
  let m: RegExpExecArray | null;
  if ((m = CLOCK.exec(text))) {
    if (Number(m[2]) > 59) return { ok: false, error: `"${input.trim()}" has more than 59 minutes after the colon.` };
    minutes = Number(m[1]) * 60 + Number(m[2]);
  } else if ((m = HOURS_AND_MINUTES.exec(text))) {
    if (Number(m[2]) > 59) return { ok: false, error: `"${input.trim()}" has more than 59 minutes after the hours.` };
    minutes = Number(m[1]) * 60 + Number(m[2]);
  } else if ((m = HOURS.exec(text))) {
    minutes = Math.round(Number(m[1]) * 60);
  } else if ((m = MINUTES.exec(text))) {
    minutes = Math.round(Number(m[1]));
  }
  if (minutes === undefined || !Number.isFinite(minutes)) {
    return { ok: false, error: `Could not read "${input.trim()}" as a duration. ${HINT}` };
  }
  if (minutes > maxHours * 60) return { ok: false, error: `A duration cannot be longer than ${maxHours} hours.` };
  return { ok: true, minutes };
}

/**
 * h:mm of elapsed time. Seconds are dropped (a stopwatch shows completed minutes), so a timer
 * does not show the next minute until it has been reached.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError('A duration must be a non-negative number of ms');
  const totalMinutes = Math.floor(ms / 60_000);
  const hours = Math.floor(totalMinutes / 60);
  return `${hours}:${String(totalMinutes % 60).padStart(2, '0')}`;
}
