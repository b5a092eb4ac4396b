import { TZDate, tzOffset } from '@date-fns/tz';
import { format } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addLocalDays, type Weekday } from '../../../shared/time/local-date';
import {
  dayRange,
  daysOfWeek,
  durationMs,
  monthRange,
  splitAtLocalMidnight,
  weekRange,
} from '../../../shared/time/ranges';
import { isValidZone, localDate, localTime, zonedInstant } from '../../../shared/time/zone';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('isValidZone', () => {
  it('accepts IANA names and rejects offsets, empty strings and typos', () => {
    expect(isValidZone('Europe/Berlin')).toBe(true);
    expect(isValidZone('UTC')).toBe(true);
    expect(isValidZone('Europe/Berlinn')).toBe(false);
    expect(isValidZone('+02:00')).toBe(false);
    expect(isValidZone('')).toBe(false);
  });
});

describe('localDate', () => {
  it('gives the date on the wall calendar of the zone, not of UTC', () => {
    const instant = Date.UTC(2024, 0, 1, 3, 0); // 03:00 UTC on 1 Jan = 22:00 on 31 Dec in New York
    expect(localDate(instant, 'America/New_York')).toBe('2023-12-31');
    expect(localDate(instant, 'Europe/Berlin')).toBe('2024-01-01');
  });
  it('rejects an unknown zone with a message naming it', () => {
    expect(() => localDate(0, 'Mars/Olympus')).toThrow(/Mars\/Olympus/);
  });
});

describe('zonedInstant', () => {
  it('maps an ordinary wall time', () => {
    expect(iso(zonedInstant('2024-07-01', '09:00', 'Europe/Berlin'))).toBe('2024-07-01T07:00:00.000Z');
  });
  it('shifts a time in the spring-forward gap forward by the gap', () => {
    expect(iso(zonedInstant('2024-03-10', '02:30', 'America/New_York'))).toBe('2024-03-10T07:30:00.000Z');
    expect(iso(zonedInstant('2024-03-31', '02:30', 'Europe/Berlin'))).toBe('2024-03-31T01:30:00.000Z');
  });
  it('takes the earlier offset (first occurrence) for an ambiguous autumn time', () => {
    expect(iso(zonedInstant('2024-11-03', '01:30', 'America/New_York'))).toBe('2024-11-03T05:30:00.000Z');
    expect(iso(zonedInstant('2024-10-27', '02:30', 'Europe/Berlin'))).toBe('2024-10-27T00:30:00.000Z');
  });
  it('rejects malformed dates and times', () => {
    expect(() => zonedInstant('2023-02-29', '09:00', 'UTC')).toThrow(/not a date/);
    expect(() => zonedInstant('2024-01-01', '9:00', 'UTC')).toThrow(/HH:mm/);
  });
  it('maps local date and time back to the instant (the first occurrence when ambiguous)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2037-12-31'), noInvalidDate: true }),
        fc.constantFrom('America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Sydney'),
        (d, zone) => {
          const instant = Math.floor(d.getTime() / 60_000) * 60_000;
          const back = zonedInstant(localDate(instant, zone), localTime(instant, zone), zone);
          // Either the same instant, or the first occurrence of an ambiguous wall time (one hour earlier).
          expect([0, HOUR]).toContain(instant - back);
        },
      ),
    );
  });
});

/** zonedInstant as it was before each zone and date was worked out once: offsets probed a day either side of every wall time. */
function zonedInstantByProbing(date: string, time: string, zone: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(year, month - 1, day, hours, minutes);
  const offsetBefore = tzOffset(zone, new Date(wall - 24 * HOUR));
  const offsetAfter = tzOffset(zone, new Date(wall + 24 * HOUR));
  const candidates = [offsetBefore, offsetAfter]
    .map((offsetMin) => Math.round(wall - offsetMin * 60_000))
    .filter((instant, i, all) => all.indexOf(instant) === i)
    .filter((instant) => format(new TZDate(instant, zone), 'yyyy-MM-dd HH:mm') === `${date} ${time}`)
    .sort((a, b) => a - b);
  return candidates[0] ?? Math.round(wall - offsetBefore * 60_000);
}

const DAY = 24 * HOUR;
const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The dates within two days of every offset change of the zone in [from, to), found week by week, then day by day. */
function datesNearTransitions(zone: string, from: number, to: number): string[] {
  const dates: string[] = [];
  for (let week = from; week < to; week += 7 * DAY) {
    if (tzOffset(zone, new Date(week)) === tzOffset(zone, new Date(week + 7 * DAY))) continue;
    for (let day = week; day < week + 7 * DAY; day += DAY) {
      if (tzOffset(zone, new Date(day)) === tzOffset(zone, new Date(day + DAY))) continue;
      for (let near = -2; near <= 3; near++) dates.push(utcDate(day + near * DAY));
    }
  }
  return dates;
}

describe('zonedInstant worked out once per zone and date', () => {
  // 30-minute DST (Lord Howe), war time and no DST since (Kolkata), a skipped day and DST at
  // midnight (Apia, Havana, São Paulo), negative DST in winter (Dublin).
  const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Apia', 'America/Havana', 'America/Sao_Paulo', 'Europe/Dublin'];
  const nearTransitions = zones.flatMap((zone) =>
    [...datesNearTransitions(zone, Date.UTC(1940, 0, 1), Date.UTC(1947, 0, 1)), ...datesNearTransitions(zone, Date.UTC(2005, 0, 1), Date.UTC(2031, 0, 1))].map(
      (date) => ({ zone, date }),
    ),
  );
  const anyDate = fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => utcDate(d.getTime()));
  const clock = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

  it('finds the transitions it is meant to test', () => {
    expect(nearTransitions).toContainEqual({ zone: 'Pacific/Apia', date: '2011-12-30' });
    expect(nearTransitions).toContainEqual({ zone: 'Australia/Lord_Howe', date: '2024-04-07' });
    expect(nearTransitions).toContainEqual({ zone: 'Asia/Kolkata', date: '1942-09-01' });
  });

  it('gives exactly the instant probing gives, in gaps, overlaps and ordinary days alike', () => {
    const place = fc.oneof(
      fc.constantFrom(...nearTransitions),
      fc.record({ zone: fc.constantFrom(...zones), date: anyDate }),
    );
    fc.assert(
      fc.property(place, clock, ({ zone, date }, time) => {
        expect(zonedInstant(date, time, zone)).toBe(zonedInstantByProbing(date, time, zone));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same answers for a day asked about again, before and after many other days', () => {
    const first = zonedInstant('2024-03-31', '02:30', 'Europe/Berlin');
    for (let i = 0; i < 12_000; i++) zonedInstant(utcDate(Date.UTC(1990, 0, 1) + i * DAY), '12:00', 'Europe/Berlin');
    expect(zonedInstant('2024-03-31', '02:30', 'Europe/Berlin')).toBe(first);
    expect(iso(first)).toBe('2024-03-31T01:30:00.000Z');
  });
});

describe('dayRange, weekRange, monthRange', () => {
  it('makes a spring-forward day 23 h and an autumn day 25 h long', () => {
    const spring = dayRange('2024-03-10', 'America/New_York');
    const autumn = dayRange('2024-10-27', 'Europe/Berlin');
    expect(spring.end - spring.start).toBe(23 * HOUR);
    expect(autumn.end - autumn.start).toBe(25 * HOUR);
    expect(iso(spring.start)).toBe('2024-03-10T05:00:00.000Z');
  });
  it('starts the day at 01:00 in a zone whose clocks skip midnight', () => {
    expect(iso(dayRange('2024-09-08', 'America/Santiago').start)).toBe('2024-09-08T04:00:00.000Z');
  });
  it('builds the week from the chosen first weekday', () => {
    // Wednesday 2024-03-13. Monday-start week is 11–17 March, Sunday-start is 10–16 March.
    expect(daysOfWeek('2024-03-13', 1)).toEqual([
      '2024-03-11', '2024-03-12', '2024-03-13', '2024-03-14', '2024-03-15', '2024-03-16', '2024-03-17',
    ]);
    const sundayWeek = weekRange('2024-03-13', 'America/New_York', 0);
    expect(iso(sundayWeek.start)).toBe('2024-03-10T05:00:00.000Z');
    expect(sundayWeek.end - sundayWeek.start).toBe(7 * 24 * HOUR - HOUR); // contains the spring change
  });
  it('covers a whole month including its DST change', () => {
    const march = monthRange('2024-03-17', 'Europe/Berlin');
    expect(iso(march.start)).toBe('2024-02-29T23:00:00.000Z');
    expect(iso(march.end)).toBe('2024-03-31T22:00:00.000Z');
  });
  it('tiles time without gaps: each day ends where the next begins, and contains only its own date', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2037-12-31'), noInvalidDate: true }),
        fc.constantFrom('America/New_York', 'Europe/Berlin', 'America/Santiago', 'Australia/Lord_Howe'),
        (d, zone) => {
          const date = localDate(d.getTime(), zone);
          const today = dayRange(date, zone);
          const tomorrow = dayRange(addLocalDays(date, 1), zone);
          expect(today.end).toBe(tomorrow.start);
          expect(localDate(today.start, zone)).toBe(date);
          expect(localDate(today.end - 1, zone)).toBe(date);
          expect(today.start <= d.getTime() && d.getTime() < today.end).toBe(true);
        },
      ),
    );
  });
  it('puts every date of a week inside its week range', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2037-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 6 }),
        (d, start) => {
          const zone = 'Europe/Berlin';
          const date = localDate(d.getTime(), zone);
          const week = weekRange(date, zone, start as Weekday);
          const days = daysOfWeek(date, start as Weekday);
          expect(days).toContain(date);
          expect(dayRange(days[0]!, zone).start).toBe(week.start);
          expect(dayRange(days[6]!, zone).end).toBe(week.end);
        },
      ),
    );
  });
});

describe('durationMs across DST changes', () => {
  // The transition Sundays: US second Sunday of March / first Sunday of November (since 2007),
  // EU last Sunday of March / October. 01:30→03:30 local straddles the change in both zones.
  const nthSunday = (year: number, month: number, n: number) => {
    const firstDow = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    return 1 + ((7 - firstDow) % 7) + 7 * (n - 1);
  };
  const lastSunday = (year: number, month: number) => {
    const last = new Date(Date.UTC(year, month, 0));
    return last.getUTCDate() - last.getUTCDay();
  };
  const date = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const span = (day: string, zone: string) =>
    durationMs(zonedInstant(day, '01:30', zone), zonedInstant(day, '03:30', zone)) / HOUR;

  it('is 1 h across the spring change and 3 h across the autumn change', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2007, max: 2037 }), (y) => {
        expect(span(date(y, 3, nthSunday(y, 3, 2)), 'America/New_York')).toBe(1);
        expect(span(date(y, 11, nthSunday(y, 11, 1)), 'America/New_York')).toBe(3);
        expect(span(date(y, 3, lastSunday(y, 3)), 'Europe/Berlin')).toBe(1);
        expect(span(date(y, 10, lastSunday(y, 10)), 'Europe/Berlin')).toBe(3);
        expect(span(date(y, 7, 1), 'Europe/Berlin')).toBe(2);
      }),
    );
  });
  it('refuses an end before the start', () => {
    expect(() => durationMs(10, 5)).toThrow(/before start/);
  });
});

describe('splitAtLocalMidnight', () => {
  it('cuts an overnight span at local midnight', () => {
    const start = zonedInstant('2024-03-09', '22:00', 'America/New_York');
    const end = zonedInstant('2024-03-10', '04:00', 'America/New_York');
    const parts = splitAtLocalMidnight(start, end, 'America/New_York');
    expect(parts.map((p) => (p.end - p.start) / HOUR)).toEqual([2, 3]); // 3 h after midnight: the night loses an hour
  });
  it('keeps parts contiguous, each inside one local day, covering the span exactly', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 80 * HOUR }),
        fc.constantFrom('America/New_York', 'Europe/Berlin', 'Pacific/Chatham'),
        (d, length, zone) => {
          const start = d.getTime();
          const parts = splitAtLocalMidnight(start, start + length, zone);
          expect(parts[0]!.start).toBe(start);
          expect(parts.at(-1)!.end).toBe(start + length);
          parts.forEach((p, i) => {
            if (i > 0) expect(p.start).toBe(parts[i - 1]!.end);
            if (p.end > p.start) expect(localDate(p.end - 1, zone)).toBe(localDate(p.start, zone));
          });
        },
      ),
    );
  });
});
