// Carries out a timesheet cell edit against the repositories (see cell-edit.ts for the rules).
import type { LocalDate } from '../../../../shared/time/local-date';
import type { Repos } from '../../db/repos';
import { planCellEdit } from './cell-edit';

export type CellEditOutcome = { ok: true; changed: boolean } | { ok: false; message: string };

export async function applyCellEdit(
  repos: Repos,
  edit: { projectId: string | null; date: LocalDate; zone: string; targetMs: number },
): Promise<CellEditOutcome> {
  const day = await repos.entries.listDay(edit.date);
  const plan = planCellEdit({
    date: edit.date,
    zone: edit.zone,
    cell: day.filter((e) => e.projectId === edit.projectId),
    day,
    targetMs: edit.targetMs,
    now: Date.now(),
  });
  if (!plan.ok) return plan;
  try {
    for (const step of plan.steps) {
      if (step.kind === 'create') {
        await repos.entries.create({ projectId: edit.projectId, start: step.start, end: step.end, zone: edit.zone, source: 'manual' });
      } else if (step.kind === 'setEnd') {
        await repos.entries.update(step.id, { end: step.end });
      } else {
        await repos.entries.delete(step.id);
      }
    }
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  return { ok: true, changed: plan.steps.length > 0 };
}
