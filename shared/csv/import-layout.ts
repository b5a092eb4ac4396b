// From rows as read to rows to import: rows without clock times are laid out on their day, each
// person's rows one after another, never past midnight; every row gets its identity key; rows
// lasting nothing are set apart for the person importing to decide; rows an entry cannot hold
// (see rowProblem) are listed with their reason, so the preview counts what the import saves.
import { addLocalDays, type LocalDate } from '../time/local-date';
import { zonedInstant } from '../time/zone';
import { hash64 } from './hash';
import { rowProblem } from './row-rules';
import type { ImportedRow, ImportPreview, ImportProblem, PersonSummary } from './types';

/** A row as read: clock rows have start and end; rows with only a date and hours have neither yet. */
export interface ReadRow extends Omit<ImportedRow, 'importKey' | 'start' | 'end' | 'startAssumed'> {
  date: LocalDate;
  start: number | null;
  end: number | null;
  durationMs: number;
}

/** Where a day's rows without clock times begin, unless the day holds more than fits after it. */
const DAY_START = '09:00';

const STACKED_NOTE =
  `This file has no clock times, only hours per day. Each person’s rows for a day are laid out one after another in file order from ${DAY_START} ` +
  '(earlier when the day holds more than fits before midnight), so no entry crosses midnight. Starts marked ~ are placed this way.';

type Finished = Pick<ImportPreview, 'rows' | 'zeroLength' | 'people' | 'layout' | 'layoutNote'> & { errors: ImportProblem[] };

export function finishRows(read: readonly ReadRow[], zone: string): Finished {
  const errors: ImportProblem[] = [];
  const stacked = layOutDays(read.filter((r) => r.start === null), zone, errors);
  const seen = new Map<string, number>();
  const rows: ImportedRow[] = [];
  const zeroLength: ImportedRow[] = [];
  for (const r of read) {
    const placed = r.start === null ? stacked.get(r) : { start: r.start, end: r.end! };
    if (!placed) continue;
    const problem = rowProblem(toImportedRow(r, placed, ''));
    if (problem) {
      errors.push({ line: r.line, reason: problem });
      continue;
    }
    const identity = identityOf(r);
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    const row = toImportedRow(r, placed, `row:${hash64(`${identity}\u001e${occurrence}`)}`);
    (row.end === row.start ? zeroLength : rows).push(row);
  }
  const anyStacked = read.some((r) => r.start === null);
  return { rows, zeroLength, people: peopleOf(rows), layout: anyStacked ? 'stacked' : 'clock', layoutNote: anyStacked ? STACKED_NOTE : null, errors };
}

/** Trimmed, runs of white space as one space, lower case (the regex only where it has work). */
function norm(text: string | null): string {
  const trimmed = (text ?? '').trim();
  return (/\s\s|[^\S ]/.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed).toLowerCase();
}

/** Field by field rather than by spreads: this runs for every row of a 100,000-row file. */
function toImportedRow(r: ReadRow, placed: { start: number; end: number }, importKey: string): ImportedRow {
  return {
    line: r.line, importKey, start: placed.start, end: placed.end, zone: r.zone, person: r.person, client: r.client,
    project: r.project, task: r.task, description: r.description, billable: r.billable, tags: r.tags, money: r.money,
    sourceStatus: r.sourceStatus, startAssumed: r.start === null,
  };
}

/**
 * What makes a row the same row in another export of the same account: its day, its clock times
 * (or, without them, its hours), whose it is, on what, and its description. Not the other cells,
 * so a column added or dropped since does not change it.
 */
function identityOf(r: ReadRow): string {
  const when = r.start === null ? `${r.date}|stacked|${r.durationMs}` : `${r.date}|${r.start}|${r.end}`;
  return [when, norm(r.person), norm(r.client), norm(r.project), norm(r.description)].join('\u001f');
}

/** Per person and day, in file order: from 09:00, or earlier so the day's last row ends by midnight. */
function layOutDays(rows: readonly ReadRow[], zone: string, errors: ImportProblem[]): Map<ReadRow, { start: number; end: number }> {
  const days = new Map<string, ReadRow[]>();
  for (const r of rows) {
    const key = `${norm(r.person)}\u0000${r.date}`;
    const day = days.get(key);
    if (day) day.push(r);
    else days.set(key, [r]);
  }
  const placed = new Map<ReadRow, { start: number; end: number }>();
  for (const day of days.values()) {
    const first = day[0]!;
    const total = day.reduce((sum, r) => sum + r.durationMs, 0);
    const midnight = zonedInstant(addLocalDays(first.date, 1), '00:00', zone);
    const dayStart = zonedInstant(first.date, '00:00', zone);
    if (total > midnight - dayStart) {
      const who = first.person ? `${first.person}'s rows` : 'The rows';
      for (const r of day) errors.push({ line: r.line, reason: `${who} on ${first.date} add up to more than the day holds, so they cannot be laid out on it.` });
      continue;
    }
    let at = Math.max(dayStart, Math.min(zonedInstant(first.date, DAY_START, zone), midnight - total));
    for (const r of day) {
      placed.set(r, { start: at, end: at + r.durationMs });
      at += r.durationMs;
    }
  }
  return placed;
}

/** Everyone with time in the file, most rows first. */
function peopleOf(rows: readonly ImportedRow[]): PersonSummary[] {
  const people = new Map<string, PersonSummary>();
  for (const r of rows) {
    if (r.person === null) continue;
    const p = people.get(r.person) ?? { name: r.person, rows: 0, ms: 0 };
    p.rows += 1;
    p.ms += r.end - r.start;
    people.set(r.person, p);
  }
  return [...people.values()].sort((a, b) => b.rows - a.rows || a.name.localeCompare(b.name));
}
