// What typing a duration into a timesheet cell (one project, one day) does to the entries.
// A cell shows the sum of that project's entries that day. Raising it adds a manual entry for the
// difference, placed after the day's last entry (or at 09:00) so it does not overlap other work.
// Lowering it only trims manual draft entries of that cell, latest first: time measured by the
// timer or capture, or already approved, is never silently cut; the user edits those on Today.
import { dayRange } from '../../../../shared/time/ranges';
import { zonedInstant } from '../../../../shared/time/zone';
import type { LocalDate } from '../../../../shared/time/local-date';

export interface CellEntry {
  id: string;
  start: number;
  end: number | null;
  source: string;
  status: string;
}

export type CellEditStep =
  | { kind: 'create'; start: number; end: number }
  | { kind: 'setEnd'; id: string; end: number }
  | { kind: 'delete'; id: string };

export type CellEditPlan = { ok: true; steps: CellEditStep[] } | { ok: false; message: string };

export interface CellEditInput {
  date: LocalDate;
  zone: string;
  /** The cell's entries (this project, this day). */
  cell: readonly CellEntry[];
  /** All entries that day, to place new time after them. */
  day: readonly CellEntry[];
  targetMs: number;
  now: number;
}

const elapsed = (e: CellEntry, now: number) => Math.max(0, (e.end ?? now) - e.start);

export function planCellEdit(input: CellEditInput): CellEditPlan {
  const { date, zone, cell, day, targetMs, now } = input;
  const currentMs = cell.reduce((sum, e) => sum + elapsed(e, now), 0);
  const delta = targetMs - currentMs;
  if (delta === 0) return { ok: true, steps: [] };

  if (delta > 0) {
    const { start: dayStart, end: dayEnd } = dayRange(date, zone);
    if (delta > dayEnd - dayStart) return { ok: false, message: 'A day cannot hold that much time.' };
    const lastEnd = Math.max(dayStart, ...day.map((e) => e.end ?? now));
    let start = Math.max(zonedInstant(date, '09:00', zone), lastEnd);
    // Keep the new entry inside its day; if the day is full it may overlap, which Today shows.
    if (start + delta > dayEnd) start = dayEnd - delta;
    return { ok: true, steps: [{ kind: 'create', start, end: start + delta }] };
  }

  let toRemove = -delta;
  const steps: CellEditStep[] = [];
  const trimmable = cell
    .filter((e) => e.source === 'manual' && e.status === 'draft' && e.end !== null)
    .sort((a, b) => b.start - a.start);
  for (const e of trimmable) {
    if (toRemove === 0) break;
    const length = elapsed(e, now);
    if (length <= toRemove) {
      steps.push({ kind: 'delete', id: e.id });
      toRemove -= length;
    } else {
      steps.push({ kind: 'setEnd', id: e.id, end: (e.end as number) - toRemove });
      toRemove = 0;
    }
  }
  if (toRemove > 0) {
    return {
      ok: false,
      message: 'Only time added by hand can be reduced here. To shorten tracked or approved time, edit those entries on the Today screen.',
    };
  }
  return { ok: true, steps };
}
