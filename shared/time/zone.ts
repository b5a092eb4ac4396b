// Converting between UTC instants and wall-clock time in an IANA zone. Entries store the instant
// plus the zone they were recorded in; everything a user reads (dates, times) is derived here.
import { TZDate, tzOffset } from '@date-fns/tz';
import { format } from 'date-fns';
import { parseLocalDate, type LocalDate } from './local-date';

/** The system's zone now, "UTC" when the runtime cannot tell. Both processes read it only here. */
export function currentZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Offsets like "+02:00" are accepted by Intl but are not zones: they have no DST rules. */
const OFFSET_LIKE = /^[+-]|^(?:GMT|UTC)[+-]/i;
const zoneValidity = new Map<string, boolean>();

/** True for an IANA zone name the runtime knows ("Europe/Berlin", "UTC"); false for offsets and typos. */
export function isValidZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone.trim() === '' || OFFSET_LIKE.test(zone)) return false;
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      valid = true;
    } catch {
      valid = false;
    }
    zoneValidity.set(zone, valid);
  }
  return valid;
}

function assertZone(zone: string): void {
  if (!isValidZone(zone)) throw new RangeError(`Unknown time zone "${zone}"`);
}

/** One formatter per zone: building one costs far more than using it. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date ('YYYY-MM-DD') an instant falls on in the zone. Read from Intl's own parts (the
 * zone data TZDate reads too), which costs a tenth of building a TZDate: billed time and the
 * reports date every entry of a year with it.
 */
export function localDate(instantMs: number, zone: string): LocalDate {
  assertZone(zone);
  let dates = dateFormats.get(zone);
  if (!dates) dateFormats.set(zone, (dates = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  const parts: Record<string, string> = {};
  for (const p of dates.formatToParts(instantMs)) parts[p.type] = p.value;
  return `${parts['year']!.padStart(4, '0')}-${parts['month']}-${parts['day']}`;
}

/** Wall-clock 'HH:mm' of an instant in the zone. */
export function localTime(instantMs: number, zone: string): string {
  assertZone(zone);
  return format(new TZDate(instantMs, zone), 'HH:mm');
}

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Offsets are sampled one day either side of the wall time. Zone transitions are never closer
 * together than that, so the two samples are the offsets in force before and after any
 * transition that could touch this wall time. (This is offset probing, not calendar maths.)
 */
const OFFSET_PROBE_MS = 24 * 60 * 60 * 1000;

/**
 * The instant at which the zone's clocks show `time` on `date`.
 *
 * Rule for wall times that do not map to exactly one instant (same as Temporal's "compatible"):
 * - Non-existent (spring-forward gap, e.g. 02:30 on 10 Mar 2024 in New York): shift forward by
 *   the length of the gap, so 02:30 becomes 03:30 EDT. A user who types a time in the gap meant
 *   "about then", and moving forward never produces an instant before the previous valid time.
 * - Ambiguous (autumn fall-back, e.g. 01:30 on 3 Nov 2024 in New York happens twice): use the
 *   earlier offset, i.e. the first occurrence (01:30 EDT).
 *
 * Called once or twice per row of an imported file, so each zone and date is worked out once
 * (see zoneDay) and an ordinary day costs one subtraction.
 */
export function zonedInstant(date: LocalDate, time: string, zone: string): number {
  assertZone(zone);
  const day = zoneDay(date, zone);
  const hm = TIME_OF_DAY.exec(time);
  if (!hm) throw new RangeError(`Time "${time}" is not HH:mm`);
  // The wall-clock fields read as if they were UTC; subtracting the zone's offset gives the instant.
  const wall = day.midnight + Number(hm[1]) * 3_600_000 + Number(hm[2]) * 60_000;
  if (day.offsetMin !== null) return Math.round(wall - day.offsetMin * 60_000);
  let instant = day.nearTransition.get(time);
  if (instant === undefined) {
    instant = instantNearTransition(wall, `${date} ${time}`, zone);
    day.nearTransition.set(time, instant);
  }
  return instant;
}

interface ZoneDay {
  /** Date.UTC of the date's midnight: its wall clock read as if it were UTC. */
  midnight: number;
  /** The offset every wall time of the day probes on both sides, or null near a transition. */
  offsetMin: number | null;
  /** Near a transition: the instants worked out so far, by "HH:mm" (at most 1,440). */
  nearTransition: Map<string, number>;
}

const zoneDays = new Map<string, ZoneDay>();
const ZONE_DAYS_KEPT = 10_000;

/**
 * A wall time's probes (OFFSET_PROBE_MS either side) fall in the day before the date and the
 * day after the next. When both of those 24-hour windows start and end on one offset, every
 * wall time of the date sees that offset on both sides, and instantNearTransition would return
 * wall minus that offset: the same answer, without formatting dates. Only a transition inside a
 * window (one, as transitions are at least a day apart) sends the day down the exact path.
 */
function zoneDay(date: LocalDate, zone: string): ZoneDay {
  const key = `${zone} ${date}`;
  let day = zoneDays.get(key);
  if (day === undefined) {
    const { year, month, day: dayOfMonth } = parseLocalDate(date);
    const midnight = Date.UTC(year, month - 1, dayOfMonth);
    const probes = [-OFFSET_PROBE_MS, -60_000, OFFSET_PROBE_MS, 2 * OFFSET_PROBE_MS - 60_000];
    const offsets = probes.map((at) => tzOffset(zone, new Date(midnight + at)));
    day = { midnight, offsetMin: offsets.every((o) => o === offsets[0]) ? offsets[0]! : null, nearTransition: new Map() };
    if (zoneDays.size >= ZONE_DAYS_KEPT) zoneDays.clear();
    zoneDays.set(key, day);
  }
  return day;
}

/** The exact rule for any wall time (`clock` is "YYYY-MM-DD HH:mm"), from the offsets a day either side. */
function instantNearTransition(wall: number, clock: string, zone: string): number {
  const offsetBefore = tzOffset(zone, new Date(wall - OFFSET_PROBE_MS));
  const offsetAfter = tzOffset(zone, new Date(wall + OFFSET_PROBE_MS));
  const candidates = [offsetBefore, offsetAfter]
    .map((offsetMin) => Math.round(wall - offsetMin * 60_000))
    .filter((instant, i, all) => all.indexOf(instant) === i)
    .filter((instant) => format(new TZDate(instant, zone), 'yyyy-MM-dd HH:mm') === clock)
    .sort((a, b) => a - b);
  const earliest = candidates[0];
  if (earliest !== undefined) return earliest;
  // In the gap: the clock reading under the pre-transition offset lies after the jump.
  return Math.round(wall - offsetBefore * 60_000);
}
