import { useLiveQuery } from 'dexie-react-hooks';
import { formatDayShort } from '../../../shared/time/display';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { addLocalDays, startOfLocalWeek, type Weekday } from '../../../shared/time/local-date';
import { formatDuration, parseDuration } from '../../../shared/time/duration';
import { currentZone, today, useNow } from '../app/clock';
import { EmptyState } from '../components/EmptyState';
import { ScreenHeader } from '../components/ScreenHeader';
import { useRepos } from '../data/repos-context';
import { applyCellEdit } from '../features/timesheet/apply-cell-edit';
import { projectLabel } from '../features/timesheet/labels';
import '../features/timesheet/timesheet.css';


export function TimesheetScreen() {
  const repos = useRepos();
  const zone = currentZone();
  const now = useNow(30_000);
  const weekStartsOn = useLiveQuery(() => repos.settings.get('weekStartsOn'), [repos]) as Weekday | undefined;
  const [offsetWeeks, setOffsetWeeks] = useState(0);
  const weekStart = weekStartsOn === undefined ? null : addLocalDays(startOfLocalWeek(today(zone), weekStartsOn), offsetWeeks * 7);

  const sheet = useLiveQuery(
    () => (weekStart ? repos.views.timesheetTotals(weekStart, zone, now) : undefined),
    [repos, weekStart, zone, now],
  );
  const projects = useLiveQuery(() => repos.projects.list({ includeArchived: true }), [repos]);
  const clients = useLiveQuery(() => repos.clients.list({ includeArchived: true }), [repos]);
  const [extraRows, setExtraRows] = useState<string[]>([]);
  const [message, setMessage] = useState<{ tone: 'error' | 'ok'; text: string } | null>(null);
  const gridRef = useRef<HTMLTableElement>(null);

  const projectMap = useMemo(() => new Map((projects ?? []).map((p) => [p.id, p])), [projects]);
  const clientMap = useMemo(() => new Map((clients ?? []).map((c) => [c.id, c])), [clients]);

  if (!sheet || !projects || !clients || !weekStart) return <ScreenHeader title="Timesheet" subtitle="Loading…" />;

  const shown = new Set(sheet.rows.map((r) => r.projectId));
  const rows = [
    ...sheet.rows,
    ...extraRows.filter((id) => !shown.has(id)).map((id) => ({ projectId: id, days: sheet.days.map(() => 0), totalMs: 0, billableMs: 0, nonBillableMs: 0 })),
  ];
  const addable = projects.filter((p) => !p.archived && !rows.some((r) => r.projectId === p.id));

  async function commitCell(projectId: string | null, dayIndex: number, text: string, input: HTMLInputElement) {
    const date = sheet!.days[dayIndex]!;
    const parsed = text.trim() === '' ? ({ ok: true, minutes: 0 } as const) : parseDuration(text);
    if (!parsed.ok) {
      setMessage({ tone: 'error', text: parsed.error });
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    input.removeAttribute('aria-invalid');
    const outcome = await applyCellEdit(repos, { projectId, date, zone, targetMs: parsed.minutes * 60_000 });
    if (!outcome.ok) {
      setMessage({ tone: 'error', text: outcome.message });
      input.value = formatDuration(rows.find((r) => r.projectId === projectId)?.days[dayIndex] ?? 0);
    } else if (outcome.changed) {
      setMessage({ tone: 'ok', text: `${projectLabel(projectId, projectMap, clientMap)} on ${formatDayShort(date)}: ${formatDuration(parsed.minutes * 60_000)}` });
    }
  }

  // Arrow keys move between cells like a spreadsheet; Enter commits and moves down.
  function onCellKey(e: KeyboardEvent<HTMLInputElement>, row: number, col: number) {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], Enter: [1, 0] };
    if (e.key === 'Escape') {
      e.currentTarget.value = e.currentTarget.defaultValue;
      e.currentTarget.blur();
      return;
    }
    const atStart = e.currentTarget.selectionStart === 0;
    const atEnd = e.currentTarget.selectionEnd === e.currentTarget.value.length;
    if (e.key === 'ArrowLeft' && atStart) moves['ArrowLeft'] = [0, -1];
    if (e.key === 'ArrowRight' && atEnd) moves['ArrowRight'] = [0, 1];
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const next = gridRef.current?.querySelector<HTMLInputElement>(`input[data-row="${row + move[0]}"][data-col="${col + move[1]}"]`);
    if (e.key === 'Enter') e.currentTarget.blur();
    next?.focus();
    next?.select();
  }

  const rangeLabel = `${formatDayShort(sheet.days[0]!)} – ${formatDayShort(sheet.days[6]!)}`;
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
          </>
        }
      />
      {message ? (
        <p role={message.tone === 'error' ? 'alert' : 'status'} className={`banner ${message.tone}`}>{message.text}</p>
      ) : null}
      {rows.length === 0 && addable.length === 0 ? (
        <EmptyState icon="timesheet" title="No time this week">
          <p>The week’s entries appear here as a grid of projects by days, with day and week totals split into billable and non-billable time. Create a project on the Today screen or in Settings to fill in time here.</p>
        </EmptyState>
      ) : (
        <div className="card timesheet-card">
          {rows.length === 0 ? <p className="muted">No time this week yet. Add a project row and type durations like 1:30, 1.5h or 90m.</p> : null}
          <table className="timesheet" ref={gridRef} aria-label={`Timesheet ${rangeLabel}`}>
            <thead>
              <tr>
                <th scope="col">Project</th>
                {sheet.days.map((d) => <th scope="col" key={d} className={d === today(zone) ? 'today' : undefined}>{formatDayShort(d)}</th>)}
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, r) => {
                const label = projectLabel(row.projectId, projectMap, clientMap);
                const colour = row.projectId ? projectMap.get(row.projectId)?.color : undefined;
                return (
                  <tr key={row.projectId ?? 'none'}>
                    <th scope="row"><span className="dot" style={{ background: colour ?? 'var(--muted)' }} aria-hidden="true" />{label}</th>
                    {row.days.map((ms, c) => (
                      <td key={sheet.days[c]}>
                        <input
                          className="cell"
                          data-row={r}
                          data-col={c}
                          aria-label={`${label}, ${formatDayShort(sheet.days[c]!)}`}
                          defaultValue={ms > 0 ? formatDuration(ms) : ''}
                          key={`${ms}`}
                          placeholder="—"
                          inputMode="decimal"
                          onKeyDown={(e) => onCellKey(e, r, c)}
                          onFocus={(e) => e.currentTarget.select()}
                          onBlur={(e) => {
                            if (e.currentTarget.value !== e.currentTarget.defaultValue) void commitCell(row.projectId, c, e.currentTarget.value, e.currentTarget);
                          }}
                        />
                      </td>
                    ))}
                    <td className="total" data-testid={`row-total-${label}`}>{formatDuration(row.totalMs)}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                {sheet.dayTotals.map((ms, i) => <td key={sheet.days[i]} className="total">{formatDuration(ms)}</td>)}
                <td className="total grand" data-testid="week-total">{formatDuration(sheet.weekTotalMs)}</td>
              </tr>
              <tr className="split">
                <th scope="row">Billable</th>
                {sheet.billableDayTotals.map((ms, i) => <td key={sheet.days[i]}>{formatDuration(ms)}</td>)}
                <td data-testid="week-billable">{formatDuration(sheet.billableMs)}</td>
              </tr>
              <tr className="split">
                <th scope="row">Non-billable</th>
                {sheet.dayTotals.map((ms, i) => <td key={sheet.days[i]}>{formatDuration(ms - sheet.billableDayTotals[i]!)}</td>)}
                <td data-testid="week-nonbillable">{formatDuration(sheet.nonBillableMs)}</td>
              </tr>
            </tfoot>
          </table>
          {addable.length > 0 ? (
            <label className="add-row">
              Add a project row{' '}
              <select value="" onChange={(e) => e.target.value && setExtraRows((x) => [...x, e.target.value])}>
                <option value="">Choose a project…</option>
                {addable.map((p) => <option key={p.id} value={p.id}>{projectLabel(p.id, projectMap, clientMap)}</option>)}
              </select>
            </label>
          ) : null}
        </div>
      )}
    </>
  );
}
