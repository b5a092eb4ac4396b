// The timesheet's rows: one per project (with time this week, or added by hand), and under an
// expanded project one per task (its active tasks, any task with time this week, and "No task").
// Typing goes into project rows while they are closed and into task rows once they are open; the
// open project row shows the sum of its tasks.
import type { TimesheetFigures, TimesheetRow, TimesheetTotals } from '../../db/repos';

export interface GridRow {
  /** Stable React key. */
  key: string;
  kind: 'project' | 'task';
  projectId: string | null;
  /** Task rows only: the task (null: time without a task). */
  taskId?: string | null;
  /** What the row header shows: the project label, or the task name. */
  name: string;
  /** What a screen reader hears for its cells: "Acme · Website" or "Acme · Website · Design". */
  label: string;
  figures: TimesheetFigures;
  rule: string;
  /** Project rows: whether its task rows are shown (undefined: no tasks to show). */
  open?: boolean;
  /** Cells take typing (false for an open project row, whose cells are its tasks' sum). */
  editable: boolean;
}

interface GridInput {
  sheet: Pick<TimesheetTotals, 'days' | 'rows'>;
  /** Projects added with "Add a project row" that have no time yet. */
  extraProjectIds: readonly string[];
  /** Project ids whose task rows are shown. */
  open: ReadonlySet<string>;
  /** Every task, archived ones included (old time keeps its name). */
  tasks: ReadonlyArray<{ id: string; projectId: string; name: string; archived: boolean }>;
  projectLabel: (projectId: string | null) => string;
}

const NO_TASK = 'No task';

export function gridRows(input: GridInput): GridRow[] {
  const { sheet, extraProjectIds, open, tasks, projectLabel } = input;
  const empty = (): TimesheetFigures => ({ days: sheet.days.map(() => 0), billedDays: sheet.days.map(() => 0), totalMs: 0, billedMs: 0 });
  const shown = new Set(sheet.rows.map((r) => r.projectId));
  const projectRows: Array<Pick<TimesheetRow, 'projectId' | 'tasks' | 'rule'> & TimesheetFigures> = [
    ...sheet.rows,
    // No time yet, so nothing is rounded and no rule is shown.
    ...extraProjectIds.filter((id) => !shown.has(id)).map((id) => ({ ...empty(), projectId: id, tasks: [], rule: '' })),
  ];
  const result: GridRow[] = [];
  for (const row of projectRows) {
    const label = projectLabel(row.projectId);
    const own = row.projectId === null ? [] : tasks.filter((t) => t.projectId === row.projectId);
    const expandable = row.projectId !== null;
    const isOpen = expandable && open.has(row.projectId!);
    const { days, billedDays, totalMs, billedMs } = row;
    result.push({
      key: `p:${row.projectId ?? 'none'}`,
      kind: 'project',
      projectId: row.projectId,
      name: label,
      label,
      figures: { days, billedDays, totalMs, billedMs },
      rule: row.rule,
      ...(expandable ? { open: isOpen } : {}),
      editable: !isOpen,
    });
    if (!isOpen) continue;
    const withTime = new Map(row.tasks.map((t) => [t.taskId, t]));
    const name = (id: string | null) => (id === null ? NO_TASK : (own.find((t) => t.id === id)?.name ?? 'Deleted task'));
    const ids = [...new Set([...own.filter((t) => !t.archived).map((t) => t.id), ...[...withTime.keys()].filter((id): id is string => id !== null)])]
      .sort((a, b) => name(a).localeCompare(name(b)));
    for (const taskId of [...ids, null]) {
      const t = withTime.get(taskId);
      result.push({
        key: `t:${row.projectId}:${taskId ?? 'none'}`,
        kind: 'task',
        projectId: row.projectId,
        taskId,
        name: name(taskId),
        label: `${label} · ${name(taskId)}`,
        figures: t ? { days: t.days, billedDays: t.billedDays, totalMs: t.totalMs, billedMs: t.billedMs } : empty(),
        rule: row.rule,
        editable: true,
      });
    }
  }
  return result;
}
