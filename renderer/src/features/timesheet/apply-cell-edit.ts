// Carries out a timesheet cell edit against the repositories (cell-edit.ts has the rules): reads the
// day, plans, writes the plan as ONE transaction (repos.entries.applyEdits: a failure halfway leaves
// nothing half-applied) and hands back the edits that undo it.
//
// Undo puts the previous entries back: a shortened entry gets its end back (same entry), a new entry
// is deleted again, and a deleted entry comes back from the trash as it was (same id), so it is
// not also left in the trash to be restored a second time.
import { InvalidEntryError, LockedEntryError, NotFoundError, VersionConflictError } from '../../db/errors';
import type { EntryEdit, Repos } from '../../db/repos';
import type { EntryRow } from '../../db/schema';
import type { LocalDate } from '../../../../shared/time/local-date';
import { isApprovedTime, planCellEdit, type CellEditPlan, type CellEditStep } from './cell-edit';

export interface CellRef {
  projectId: string | null;
  /** A task row: that task's time (null: the project's time without a task). Absent: the whole project. */
  taskId?: string | null;
  date: LocalDate;
  zone: string;
}

type CellWrite = { ok: true; undo: EntryEdit[] } | { ok: false; message: string };

const inCell = (e: EntryRow, ref: CellRef) => e.projectId === ref.projectId && (ref.taskId === undefined || e.taskId === ref.taskId);

/** The plan for typing `targetMs` into the cell, from the entries as they are now. */
export async function planCell(repos: Repos, ref: CellRef, targetMs: number, now = Date.now()): Promise<CellEditPlan<EntryRow>> {
  const day = await repos.entries.listDay(ref.date);
  return planCellEdit({ date: ref.date, zone: ref.zone, cell: day.filter((e) => inCell(e, ref)), day, targetMs, now });
}

/** Writes a plan's steps in one transaction; an entry changed since it was planned fails the whole plan. */
export async function applyCellPlan(repos: Repos, ref: CellRef, steps: readonly CellEditStep<EntryRow>[]): Promise<CellWrite> {
  const edits = steps.map((step): EntryEdit => {
    if (step.kind === 'create') {
      // A task row's new time belongs to that task; a project row's gets the project's default task.
      const task = ref.taskId === undefined ? {} : { taskId: ref.taskId };
      return { kind: 'create', entry: { projectId: ref.projectId, ...task, start: step.start, end: step.end, zone: ref.zone, source: 'manual' } };
    }
    if (step.kind === 'trim') return { kind: 'update', id: step.entry.id, patch: { end: step.end }, expectedVersion: step.entry.version };
    return { kind: 'delete', id: step.entry.id, expectedVersion: step.entry.version };
  });
  // Approved time in the plan was listed in the question the user just confirmed.
  const confirmed = steps.some((step) => step.kind !== 'create' && isApprovedTime(step.entry));
  try {
    const written = await repos.entries.applyEdits(edits, { confirmed });
    return { ok: true, undo: steps.map((step, i) => undoOf(step, written[i]!)).reverse() };
  } catch (error) {
    return { ok: false, message: explain(error, 'Nothing was changed.') };
  }
}

function undoOf(step: CellEditStep<EntryRow>, after: EntryRow): EntryEdit {
  if (step.kind === 'create') return { kind: 'delete', id: after.id, expectedVersion: after.version };
  if (step.kind === 'trim') return { kind: 'update', id: after.id, patch: { end: step.entry.end as number }, expectedVersion: after.version };
  return { kind: 'restore', id: after.id };
}

/** Puts back what a cell edit changed, in one transaction; refuses if those entries changed since. */
export async function undoCellEdit(repos: Repos, undo: readonly EntryEdit[]): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    // Undo takes back exactly what the confirmed edit did; an entry changed since fails its version check.
    await repos.entries.applyEdits(undo, { confirmed: true });
    return { ok: true };
  } catch (error) {
    return { ok: false, message: explain(error, 'Nothing was undone.') };
  }
}

/** A failed write in the user's words (never an id or a version number). */
function explain(error: unknown, outcome: string): string {
  if (error instanceof VersionConflictError || error instanceof NotFoundError) return `These entries changed in the meantime. ${outcome} Check the cell and try again.`;
  if (error instanceof LockedEntryError) return `An entry of this cell was approved in the meantime, so the change you confirmed no longer describes it. ${outcome} Check the cell and try again.`;
  if (error instanceof InvalidEntryError) return `${error.problems.join(' ')} ${outcome}`;
  return `The change could not be saved. ${outcome}`;
}
