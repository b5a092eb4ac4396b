// Operations on entries as a whole: the lock on approved entries, overlaps, split, merge, duplicate, and
// splitting at midnight.
// They return new objects and never mutate their input; ids for new entries come from the caller
// (shared/ has no random source and ids must be unique across devices).
import { splitAtLocalMidnight } from '../time/ranges';
import { isLive, type TimeEntry } from './entry';

export interface Overlap {
  a: string;
  b: string;
  overlapMs: number;
}

export type EditCheck = { ok: true } | { ok: false; reason: string };

// Once an entry is approved it is part of what the client agreed to pay for, so it (and anything
// later: synced, invoiced, paid) is locked.
const LOCK_REASONS: Partial<Record<TimeEntry['status'], string>> = {
  approved: 'This entry is approved and locked. Reopen it to make changes.',
  synced: 'This entry has been sent to QuickBooks and is locked.',
  invoiced: 'This entry is on a QuickBooks invoice and is locked: void the invoice or issue a credit memo in QuickBooks to change it.',
  paid: 'This entry is on a paid invoice and is locked.',
};

export function canEdit(entry: TimeEntry): EditCheck {
  if (!isLive(entry)) return { ok: false, reason: 'This entry has been deleted.' };
  const reason = LOCK_REASONS[entry.status];
  return reason ? { ok: false, reason } : { ok: true };
}

/**
 * Pairs of live entries whose time overlaps (touching end-to-start is fine). A running entry
 * extends to `now` when given, otherwise indefinitely.
 */
export function findOverlaps(entries: readonly TimeEntry[], now?: number): Overlap[] {
  const spans = entries
    .filter(isLive)
    .map((e) => ({ id: e.id, start: e.start, end: e.end ?? now ?? Number.POSITIVE_INFINITY }))
    .sort((x, y) => x.start - y.start);
  const overlaps: Overlap[] = [];
  // Sweep: compare each entry with those started before it that have not yet ended.
  const open: typeof spans = [];
  for (const span of spans) {
    for (let i = open.length - 1; i >= 0; i--) if (open[i]!.end <= span.start) open.splice(i, 1);
    for (const other of open) {
      overlaps.push({ a: other.id, b: span.id, overlapMs: Math.min(other.end, span.end) - span.start });
    }
    open.push(span);
  }
  return overlaps.filter((o) => o.overlapMs > 0);
}

/** Splits at `atMs` into [start, at) keeping the id and [at, end) under `newId`; a running timer stays running in the second part. */
export function splitEntry(entry: TimeEntry, atMs: number, ids: { newId: string; now: number }): { ok: true; entries: [TimeEntry, TimeEntry] } | { ok: false; reason: string } {
  const check = canEdit(entry);
  if (!check.ok) return check;
  if (!(atMs > entry.start && (entry.end === null || atMs < entry.end))) {
    return { ok: false, reason: 'The split time must be inside the entry.' };
  }
  const first: TimeEntry = { ...entry, end: atMs, version: entry.version + 1, updatedAt: ids.now };
  return { ok: true, entries: [first, fresh(entry, ids.newId, ids.now, { start: atMs, end: entry.end })] };
}

/**
 * Joins two entries of the same project that overlap or touch. The result keeps the earlier
 * entry's id, task, billable flag and zone, the earliest start and latest end, and both
 * descriptions joined with "; " (once, if they are the same). The caller deletes `removedId`.
 */
export function mergeEntries(a: TimeEntry, b: TimeEntry, now: number): { ok: true; entry: TimeEntry; removedId: string } | { ok: false; reason: string } {
  for (const e of [a, b]) {
    const check = canEdit(e);
    if (!check.ok) return check;
    if (e.end === null) return { ok: false, reason: 'Stop the running timer before merging.' };
  }
  if (a.projectId !== b.projectId) return { ok: false, reason: 'Only entries of the same project can be merged.' };
  const [first, second] = a.start <= b.start ? [a, b] : [b, a];
  if (second.start > first.end!) return { ok: false, reason: 'Only entries that touch or overlap can be merged.' };
  const descriptions = [first.description.trim(), second.description.trim()].filter((d, i, all) => d !== '' && all.indexOf(d) === i);
  return {
    ok: true,
    removedId: second.id,
    entry: {
      ...first,
      end: Math.max(first.end!, second.end!),
      description: descriptions.join('; '),
      version: first.version + 1,
      updatedAt: now,
    },
  };
}

/** A copy to work from: a new draft, manual, unsynced entry with the same project, task, text and times. */
export function duplicateEntry(entry: TimeEntry, ids: { newId: string; now: number }): TimeEntry {
  return { ...fresh(entry, ids.newId, ids.now, { start: entry.start, end: entry.end }), source: 'manual' };
}

/** True when the entry runs past a local midnight in its own zone. An entry ending exactly at midnight does not. */
export function crossesLocalMidnight(entry: TimeEntry): boolean {
  return entry.end !== null && splitAtLocalMidnight(entry.start, entry.end, entry.zone).length > 1;
}

/**
 * Until split, an entry counts on the day it started. Splitting gives one entry per local day:
 * the first keeps the id, the others get ids from `nextId`.
 */
export function splitAtMidnight(entry: TimeEntry, ids: { nextId: () => string; now: number }): { ok: true; entries: TimeEntry[] } | { ok: false; reason: string } {
  const check = canEdit(entry);
  if (!check.ok) return check;
  if (!crossesLocalMidnight(entry)) return { ok: true, entries: [entry] };
  const parts = splitAtLocalMidnight(entry.start, entry.end!, entry.zone);
  return {
    ok: true,
    entries: parts.map((p, i) =>
      i === 0 ? { ...entry, end: p.end, version: entry.version + 1, updatedAt: ids.now } : fresh(entry, ids.nextId(), ids.now, p),
    ),
  };
}

/** A new entry derived from `from`: new identity, version 1, draft, no import key. */
function fresh(from: TimeEntry, id: string, now: number, span: { start: number; end: number | null }): TimeEntry {
  const copy: TimeEntry = { ...from, ...span, id, status: 'draft', version: 1, createdAt: now, updatedAt: now, deletedAt: null };
  // The import key identifies the original source row; a copy must not claim it.
  delete copy.importKey;
  return copy;
}

