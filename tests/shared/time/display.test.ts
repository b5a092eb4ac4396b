// Dates and times read in the locale's own format, 12- or 24-hour, in the zone asked for.
import { describe, expect, it } from 'vitest';
import { formatClockTime, formatDate, formatDateTime, formatDayLong, formatDayShort, formatDayMonth, formatMonthYear, formatTimeRange, formatWeekdayTime } from '../../../shared/time/display';

const at = Date.UTC(2026, 11, 3, 14, 5); // Thu 3 Dec 2026 14:05 UTC

describe('display formats', () => {
  it('follows the locale’s clock: 24-hour in en-GB and de-DE, 12-hour in en-US', () => {
    expect(formatClockTime(at, 'UTC', 'en-GB')).toBe('14:05');
    expect(formatClockTime(at, 'UTC', 'de-DE')).toBe('14:05');
    expect(formatClockTime(at, 'UTC', 'en-US')).toMatch(/^2:05\sPM$/);
  });

  it('reads the instant in the zone asked for', () => {
    expect(formatClockTime(at, 'America/New_York', 'en-GB')).toBe('09:05');
    expect(formatDateTime(Date.UTC(2026, 11, 3, 2, 0), 'America/Los_Angeles', 'en-GB')).toBe('2 Dec 2026, 18:00');
  });

  it('names a running entry’s end "now"', () => {
    expect(formatTimeRange(at, null, 'UTC', 'en-GB')).toBe('14:05–now');
    expect(formatTimeRange(at - 3_600_000, at, 'UTC', 'en-US')).toMatch(/^1:05\sPM–2:05\sPM$/);
  });

  it('formats a calendar date without shifting it, whatever the zone', () => {
    expect(formatDayLong('2026-12-03', 'en-GB')).toBe('Thursday 3 December');
    expect(formatDayLong('2026-12-03', 'en-US')).toBe('Thursday, December 3');
    expect(formatDayShort('2026-12-03', 'en-GB')).toBe('Thu 3 Dec');
    expect(formatDate('2026-12-31', 'en-US')).toBe('Dec 31, 2026');
    expect(formatDayMonth('2026-01-01', 'en-GB')).toBe('1 Jan');
    expect(formatDayMonth('2026-01-01', 'en-US')).toBe('Jan 1');
    expect(formatMonthYear('2026-12-31', 'en-US')).toBe('Dec 2026');
  });

  it('uses the runtime’s locale by default (the tests run in en-GB)', () => {
    expect(formatClockTime(at, 'UTC')).toBe('14:05');
    expect(formatWeekdayTime(at, 'UTC')).toBe('Thu 14:05');
  });
});
