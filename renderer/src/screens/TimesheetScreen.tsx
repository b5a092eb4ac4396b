import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { formatDayLong, formatDayShort } from '../../../shared/time/display';
import { formatDuration, parseDuration } from '../../../shared/time/duration';
import { addLocalDays, startOfLocalWeek, type LocalDate, type Weekday } from '../../../shared/time/local-date';
import { currentZone, today, useNow } from '../app/clock';
import { EmptyState } from '../components/EmptyState';
import { ScreenHeader } from '../components/ScreenHeader';
import { useRepos } from '../data/repos-context';
import type { EntryEdit, TimesheetTotals } from '../db/repos';
import type { EntryRow } from '../db/schema';
import { applyCellPlan, planCell, undoCellEdit, type CellRef } from '../features/timesheet/apply-cell-edit';
import { ApproveDialog } from '../features/timesheet/ApproveDialog';
import { describeOutcome, summarizeApproval } from '../features/timesheet/approve-range';
import type { CellEditPlan } from '../features/timesheet/cell-edit';
import { gridRows, type GridRow } from '../features/timesheet/grid-rows';
import { projectLabel } from '../features/timesheet/labels';
import { LowerCellDialog } from '../features/timesheet/LowerCellDialog';
import { TimesheetGrid, type DayApproval } from '../features/timesheet/TimesheetGrid';
import '../features/timesheet/timesheet.css';

type Message = { tone: 'error' | 'warning' | 'ok'; lines: string[]; problems?: string[] };
type Lowering = { ref: CellRef; where: string; plan: Extract<CellEditPlan<EntryRow>, { ok: true }> };
type Notice = { where: string; fromMs: number; text: string; undo: EntryEdit[] };

/** Per day: whether there is anything to approve (or to explain), or every entry is approved. */
function dayApprovals(sheet: TimesheetTotals): DayApproval[] {
  return sheet.days.map((d) => {
    const day = sheet.entries.filter((e) => e.localDate === d);
    if (day.length === 0) return 'empty';
    return day.every((e) => e.end !== null && e.status !== 'draft') ? 'approved' : 'open';
  });
}

export function TimesheetScreen() {
  const repos = useRepos();
  const zone = currentZone();
  const now = useNow(30_000);
  const weekStartsOn = useLiveQuery(() => repos.settings.get('weekStartsOn'), [repos]) as Weekday | undefined;
  const [offsetWeeks, setOffsetWeeks] = useState(0);
  const weekStart = weekStartsOn === undefined ? null : addLocalDays(startOfLocalWeek(today(zone), weekStartsOn), offsetWeeks * 7);

  const sheet = useLiveQuery(() => (weekStart ? repos.views.timesheetTotals(weekStart, zone, now) : undefined), [repos, weekStart, zone, now]);
  const projects = useLiveQuery(() => repos.projects.list({ includeArchived: true }), [repos]);
  const clients = useLiveQuery(() => repos.clients.list({ includeArchived: true }), [repos]);
  const tasks = useLiveQuery(() => repos.tasks.list({ includeArchived: true }), [repos]);
  const [extraRows, setExtraRows] = useState<string[]>([]);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [message, setMessage] = useState<Message | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [lowering, setLowering] = useState<Lowering | null>(null);
  const [approving, setApproving] = useState<{ what: string; days: LocalDate[] } | null>(null);
  const [generation, setGeneration] = useState(0);

  const projectMap = useMemo(() => new Map((projects ?? []).map((p) => [p.id, p])), [projects]);
  const clientMap = useMemo(() => new Map((clients ?? []).map((c) => [c.id, c])), [clients]);

  if (!sheet || !projects || !clients || !tasks || !weekStart) return <ScreenHeader title="Timesheet" subtitle="Loading…" />;

  const labelOf = (id: string | null) => projectLabel(id, projectMap, clientMap);
  const rows = gridRows({ sheet, extraProjectIds: extraRows, open, tasks, projectLabel: labelOf });
  const addable = projects.filter((p) => !p.archived && !rows.some((r) => r.projectId === p.id));
  const fail = (text: string) => setMessage({ tone: 'error', lines: [text] });

  async function commitCell(row: GridRow, dayIndex: number, text: string, input: HTMLInputElement) {
    const date = sheet!.days[dayIndex]!;
    const parsed = text.trim() === '' ? ({ ok: true, minutes: 0 } as const) : parseDuration(text);
    if (!parsed.ok) {
      fail(parsed.error);
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    input.removeAttribute('aria-invalid');
    const ref: CellRef = { projectId: row.projectId, ...(row.kind === 'task' ? { taskId: row.taskId ?? null } : {}), date, zone };
    const plan = await planCell(repos, ref, parsed.minutes * 60_000);
    if (!plan.ok) {
      fail(plan.message);
      setGeneration((g) => g + 1);
      return;
    }
    if (plan.steps.length === 0) return;
    const where = `${row.label} on ${formatDayShort(date)}`;
    if (plan.ask) setLowering({ ref, where, plan });
    else await write({ ref, where, plan });
  }

  async function write({ ref, where, plan }: Lowering) {
    const result = await applyCellPlan(repos, ref, plan.steps);
    if (!result.ok) {
      fail(result.message);
      setGeneration((g) => g + 1);
      return;
    }
    setMessage(null);
    setNotice({ where, fromMs: plan.fromMs, text: `${where}: ${formatDuration(plan.fromMs)} → ${formatDuration(plan.toMs)}.`, undo: result.undo });
  }

  async function undo(n: Notice) {
    setNotice(null);
    const result = await undoCellEdit(repos, n.undo);
    setMessage(result.ok ? { tone: 'ok', lines: [`Undone: ${n.where} is back to ${formatDuration(n.fromMs)}.`] } : { tone: 'error', lines: [result.message] });
  }

  const summary = approving ? summarizeApproval(sheet.entries, sheet.billed, approving.days, now) : null;
  async function approve() {
    if (!summary) return;
    setApproving(null);
    setNotice(null); // Approved time is not changed from the timesheet, so the last edit cannot be undone here any more.
    try {
      // The one door that approves and queues the QuickBooks writes in the same transaction.
      const result = await repos.sync.approve(summary.toApprove.map((e) => e.id));
      const { lines, problems } = describeOutcome(result, summary);
      setMessage({ tone: result.approved.length === 0 ? 'error' : problems.length > 0 ? 'warning' : 'ok', lines, problems });
    } catch {
      fail('Approving failed, so nothing was approved. Try again; if it keeps failing, restart Track Nexus.');
    }
  }

  const rangeLabel = `${formatDayShort(sheet.days[0]!)} – ${formatDayShort(sheet.days[6]!)}`;
  const weekApproval = dayApprovals(sheet);
  return (
    <>
      <ScreenHeader
        title="Timesheet"
        subtitle={rangeLabel}
        actions={
          <>
            <button type="button" className="button" onClick={() => setOffsetWeeks((w) => w - 1)} aria-label="Previous week">‹ Previous</button>
            <button type="button" className="button" onClick={() => setOffsetWeeks(0)} disabled={offsetWeeks === 0}>This week</button>
            <button type="button" className="button" onClick={() => setOffsetWeeks((w) => w + 1)} aria-label="Next week">Next ›</button>
            {weekApproval.includes('open') ? (
              <button type="button" className="button primary" onClick={() => setApproving({ what: `the week of ${formatDayShort(sheet.days[0]!)}`, days: sheet.days })}>Approve week</button>
            ) : null}
          </>
        }
      />
      {notice ? (
        <div role="status" className="banner ok ts-notice">
          <span>{notice.text}</span>
          <button type="button" className="button" onClick={() => void undo(notice)}>Undo</button>
          <button type="button" className="ts-dismiss" aria-label="Dismiss" onClick={() => setNotice(null)}>×</button>
        </div>
      ) : null}
      {message ? (
        <div role={message.tone === 'error' ? 'alert' : 'status'} className={`banner ${message.tone} ts-message`}>
          {message.lines.map((line) => <p key={line}>{line}</p>)}
          {message.problems?.length ? <ul>{message.problems.map((p) => <li key={p}>{p}</li>)}</ul> : null}
        </div>
      ) : null}
      {rows.length === 0 && addable.length === 0 ? (
        <EmptyState icon="timesheet" title="No time this week">
          <p>The week’s entries appear here as a grid of projects by days, with day and week totals split into billable and non-billable time. Create a project on the Today screen or in Settings to fill in time here.</p>
        </EmptyState>
      ) : (
        <div className="card timesheet-card">
          {rows.length === 0 ? <p className="muted">No time this week yet. Add a project row and type durations like 1:30, 1.5h or 90m.</p> : null}
          <TimesheetGrid sheet={sheet} rows={rows} label={`Timesheet ${rangeLabel}`} today={today(zone)} dayApproval={weekApproval}
            colourOf={(id) => (id ? projectMap.get(id)?.color : undefined) ?? 'var(--muted)'} generation={generation}
            onCommit={(row, c, text, input) => void commitCell(row, c, text, input)}
            onToggle={(id) => setOpen((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])))}
            onApproveDay={(i) => setApproving({ what: formatDayLong(sheet.days[i]!), days: [sheet.days[i]!] })} />
          {addable.length > 0 ? (
            <label className="add-row">
              Add a project row{' '}
              <select value="" onChange={(e) => e.target.value && setExtraRows((x) => [...x, e.target.value])}>
                <option value="">Choose a project…</option>
                {addable.map((p) => <option key={p.id} value={p.id}>{labelOf(p.id)}</option>)}
              </select>
            </label>
          ) : null}
        </div>
      )}
      {lowering ? (
        <LowerCellDialog where={lowering.where} fromMs={lowering.plan.fromMs} toMs={lowering.plan.toMs} steps={lowering.plan.steps} zone={zone}
          onCancel={() => {
            setLowering(null);
            setGeneration((g) => g + 1);
          }}
          onConfirm={() => {
            setLowering(null);
            void write(lowering);
          }} />
      ) : null}
      {approving && summary ? (
        <ApproveDialog what={approving.what} summary={summary} projectLabel={labelOf} onCancel={() => setApproving(null)} onConfirm={() => void approve()} />
      ) : null}
    </>
  );
}
