import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { formatDayLong, formatDayShort } from '../../../../shared/time/display';
import { addLocalDays, startOfLocalWeek, type LocalDate, type Weekday } from '../../../../shared/time/local-date';
import { currentZone, today, useNow } from '../../app/clock';
import { useUi } from '../../app/ui-store';
import { EmptyState } from '../../components/EmptyState';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useRepos } from '../../data/repos-context';
import type { TimesheetTotals } from '../../db/repos';
import { ApproveDialog } from './ApproveDialog';
import { describeOutcome, summarizeApproval } from './approve-range';
import { gridRows } from './grid-rows';
import { projectLabelById } from '../../../../shared/entries/project-label';
import { LowerCellDialog } from './LowerCellDialog';
import { TimesheetGrid, type DayApproval } from './TimesheetGrid';
import { useCellEdits, type Message } from './use-cell-edits';
import './timesheet.css';

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
  const showDay = useUi((s) => s.showDay);
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
  const edits = useCellEdits(repos, zone, setMessage);
  const [approving, setApproving] = useState<{ what: string; days: LocalDate[] } | null>(null);

  const projectMap = useMemo(() => new Map((projects ?? []).map((p) => [p.id, p])), [projects]);
  const clientMap = useMemo(() => new Map((clients ?? []).map((c) => [c.id, c])), [clients]);

  if (!sheet || !projects || !clients || !tasks || !weekStart) return <ScreenHeader title="Timesheet" subtitle="Loading…" />;

  const labelOf = (id: string | null) => projectLabelById(id, projectMap, clientMap);
  const rows = gridRows({ sheet, extraProjectIds: extraRows, open, tasks, projectLabel: labelOf });
  const addable = projects.filter((p) => !p.archived && !rows.some((r) => r.projectId === p.id));

  const summary = approving ? summarizeApproval(sheet.entries, sheet.billed, approving.days, now) : null;
  async function approve() {
    if (!summary) return;
    setApproving(null);
    edits.forgetNotice(); // Approving changed the entries' versions: the last edit cannot be undone any more.
    try {
      // The one door that approves and queues the QuickBooks writes in the same transaction.
      const result = await repos.entries.approve(summary.toApprove.map((e) => e.id));
      const { lines, problems } = describeOutcome(result, summary);
      setMessage({ tone: result.approved.length === 0 ? 'error' : problems.length > 0 ? 'warning' : 'ok', lines, problems });
    } catch {
      setMessage({ tone: 'error', lines: ['Approving failed, so nothing was approved. Try again; if it keeps failing, restart Track Nexus.'] });
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
      {edits.notice ? (
        <div role="status" className="banner ok ts-notice">
          <span>{edits.notice.text}</span>
          <button type="button" className="button" onClick={() => void edits.undo()}>Undo</button>
          <button type="button" className="ts-dismiss" aria-label="Dismiss" onClick={edits.forgetNotice}>×</button>
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
            colourOf={(id) => (id ? projectMap.get(id)?.color : undefined) ?? 'var(--muted)'} generation={edits.generation}
            onCommit={(row, c, text, input) => void edits.commit(row, sheet.days[c]!, text, input)}
            onToggle={(id) => setOpen((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])))}
            onApproveDay={(i) => setApproving({ what: formatDayLong(sheet.days[i]!), days: [sheet.days[i]!] })}
            onOpenDay={(d) => showDay(d === today(zone) ? null : d)} />
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
      {edits.lowering ? (
        <LowerCellDialog where={edits.lowering.where} fromMs={edits.lowering.plan.fromMs} toMs={edits.lowering.plan.toMs} steps={edits.lowering.plan.steps}
          zone={zone} onCancel={edits.cancelLowering} onConfirm={edits.confirmLowering} />
      ) : null}
      {approving && summary ? (
        <ApproveDialog what={approving.what} summary={summary} projectLabel={labelOf} onCancel={() => setApproving(null)} onConfirm={() => void approve()} />
      ) : null}
    </>
  );
}
