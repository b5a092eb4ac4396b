// Turning what the user typed (local dates and times in their zone, or a duration like 1:30, 1.5h,
// 90m) into instants, and checking the result with the shared entry rules. Pure.
import { validateEntry, type TimeEntry } from '../../../../shared/entries/entry';
import { crossesLocalMidnight, findOverlaps } from '../../../../shared/entries/operations';
import { parseDuration } from '../../../../shared/time/duration';
import { dayRange } from '../../../../shared/time/ranges';
import { localDate, localTime, zonedInstant } from '../../../../shared/time/zone';
import { formatTimeRange } from '../../../../shared/time/display';

export interface TimesInput {
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  /** When not empty, the end is start + this duration and the end fields are ignored. */
  duration: string;
}

export interface FieldError {
  field: 'start' | 'end' | 'duration' | 'description' | 'entry';
  message: string;
}

export type TimesResult = { ok: true; start: number; end: number } | { ok: false; errors: FieldError[] };

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function timesFromEntry(entry: Pick<TimeEntry, 'start' | 'end'>, zone: string, now: number): TimesInput {
  const end = entry.end ?? now;
  return {
    startDate: localDate(entry.start, zone),
    startTime: localTime(entry.start, zone),
    endDate: localDate(end, zone),
    endTime: localTime(end, zone),
    duration: '',
  };
}

const HOUR = 60 * 60_000;

/**
 * What "Add time" opens with, on the day the user is looking at. Today: the last hour, but never
 * before today's midnight (opened at 00:20, it is 00:00–00:20 today, so typing only times cannot
 * silently make a start on yesterday). Another day: an hour after that day's last entry, or from
 * 09:00 when it has none, kept inside the day.
 */
export function newEntryTimes(now: number, zone: string, day = localDate(now, zone), dayEntries: readonly { end: number | null }[] = []): TimesInput {
  const { start: midnight, end: nextMidnight } = dayRange(day, zone);
  if (day === localDate(now, zone)) return timesFromEntry({ start: Math.max(now - HOUR, midnight), end: now }, zone, now);
  const lastEnd = Math.max(midnight, ...dayEntries.map((e) => e.end ?? midnight).filter((end) => end < nextMidnight));
  const start = Math.min(Math.max(zonedInstant(day, '09:00', zone), lastEnd), nextMidnight - HOUR);
  return timesFromEntry({ start, end: start + HOUR }, zone, now);
}

function instant(date: string, time: string, zone: string, field: 'start' | 'end'): number | FieldError {
  const which = field === 'start' ? 'start' : 'end';
  if (!DATE.test(date)) return { field, message: `Enter the ${which} date.` };
  if (!TIME.test(time)) return { field, message: `Enter the ${which} time as HH:MM.` };
  try {
    return zonedInstant(date, time, zone);
  } catch (e) {
    return { field, message: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * Reads start and end (or duration) in `zone` and applies the shared rules: the end after the
 * start, at most 24 hours. Wall times that do not exist or happen twice on a DST day follow
 * shared/time/zone's rule; durations are elapsed time, so 01:30–03:30 across the spring change is
 * one hour and across the autumn change three.
 */
export function resolveTimes(input: TimesInput, zone: string): TimesResult {
  const start = instant(input.startDate, input.startTime, zone, 'start');
  if (typeof start !== 'number') return { ok: false, errors: [start] };
  let end: number;
  if (input.duration.trim() !== '') {
    const parsed = parseDuration(input.duration);
    if (!parsed.ok) return { ok: false, errors: [{ field: 'duration', message: parsed.error }] };
    if (parsed.minutes === 0) return { ok: false, errors: [{ field: 'duration', message: 'A duration must be at least one minute.' }] };
    end = start + parsed.minutes * 60_000;
  } else {
    const e = instant(input.endDate, input.endTime, zone, 'end');
    if (typeof e !== 'number') return { ok: false, errors: [e] };
    end = e;
  }
  const issues = validateEntry({
    id: 'candidate', projectId: null, taskId: null, description: '', start, end, zone,
    source: 'manual', billable: true, status: 'draft', version: 1, createdAt: 0, updatedAt: 0,
  });
  if (issues.length > 0) {
    return { ok: false, errors: issues.map((i) => ({ field: i.field === 'end' ? 'end' : 'entry', message: i.message })) };
  }
  return { ok: true, start, end };
}

interface Span {
  id: string;
  start: number;
  end: number | null;
  projectId: string | null;
  deletedAt?: number | null;
}

/**
 * For each entry, sentences like "Overlaps 10:15–10:40 Globex · Website" naming the other entry's
 * project and the overlapping span. Running entries extend to `now`.
 */
export function overlapNotes(entries: readonly Span[], now: number, zone: string, label: (projectId: string | null) => string): Map<string, string[]> {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const notes = new Map<string, string[]>();
  const add = (id: string, note: string) => notes.set(id, [...(notes.get(id) ?? []), note]);
  const overlaps = findOverlaps(entries.map((e) => ({ ...asEntry(e) })), now);
  for (const o of overlaps) {
    const a = byId.get(o.a)!;
    const b = byId.get(o.b)!;
    const from = Math.max(a.start, b.start);
    const to = Math.min(a.end ?? now, b.end ?? now);
    const span = formatTimeRange(from, to, zone);
    add(a.id, `Overlaps ${span} ${label(b.projectId)}`);
    add(b.id, `Overlaps ${span} ${label(a.projectId)}`);
  }
  return notes;
}

/** Overlaps a candidate span (being edited or added) would have with the other entries. */
export function candidateOverlaps(
  candidate: { id: string | null; start: number; end: number },
  others: readonly Span[],
  now: number,
  zone: string,
  label: (projectId: string | null) => string,
): string[] {
  const id = candidate.id ?? '__candidate__';
  const list = [...others.filter((e) => e.id !== id), { id, start: candidate.start, end: candidate.end, projectId: null }];
  return overlapNotes(list, now, zone, label).get(id) ?? [];
}

function asEntry(e: Span): TimeEntry {
  return {
    id: e.id, projectId: e.projectId, taskId: null, description: '', start: e.start, end: e.end, zone: 'UTC',
    source: 'manual', billable: true, status: 'draft', version: 1, createdAt: 0, updatedAt: 0, deletedAt: e.deletedAt ?? null,
  };
}

/** Where a midnight-crossing entry would be cut: the end of its start day in `zone`; null if it does not cross. */
export function midnightSplitPoint(entry: Pick<TimeEntry, 'start' | 'end' | 'zone'>): number | null {
  if (entry.end === null) return null;
  if (!crossesLocalMidnight({ ...asEntry({ id: 'x', start: entry.start, end: entry.end, projectId: null }), zone: entry.zone })) return null;
  return dayRange(localDate(entry.start, entry.zone), entry.zone).end;
}
