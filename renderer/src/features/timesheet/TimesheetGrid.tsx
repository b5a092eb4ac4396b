// The grid: projects (and, once opened, their tasks) by days, each cell the raw time you type into,
// with the billed time beneath wherever rounding changes it; totals with billed beside raw; an
// "Approve" action in each day's header. Arrow keys move between cells like a spreadsheet.
import { useId, useRef, type KeyboardEvent } from 'react';
import type { TimesheetTotals } from '../../db/repos';
import { formatDayLong, formatDayShort } from '../../../../shared/time/display';
import { formatDuration } from '../../../../shared/time/duration';
import type { LocalDate } from '../../../../shared/time/local-date';
import type { GridRow } from './grid-rows';

/** Per day: nothing there, something to approve (or to explain), or every entry approved already. */
export type DayApproval = 'empty' | 'open' | 'approved';

interface GridProps {
  sheet: TimesheetTotals;
  rows: readonly GridRow[];
  label: string;
  today: LocalDate;
  dayApproval: readonly DayApproval[];
  colourOf: (projectId: string | null) => string;
  /** Bumped to put every cell back to its stored value (after a cancelled or refused edit). */
  generation: number;
  onCommit: (row: GridRow, dayIndex: number, text: string, input: HTMLInputElement) => void;
  onToggle: (projectId: string) => void;
  onApproveDay: (dayIndex: number) => void;
  /** Opens the day view on that day, to edit its entries one by one. */
  onOpenDay: (date: LocalDate) => void;
}

const TOTALS_RULE = 'Billed: the sum of each entry’s billed time, with each project’s rounding rule';

export function TimesheetGrid(props: GridProps) {
  const { sheet, rows, label, today, dayApproval, onApproveDay } = props;
  const gridRef = useRef<HTMLTableElement>(null);
  let editable = 0;
  const nonBillable = sheet.dayTotals.map((ms, i) => ms - sheet.billableDayTotals[i]!);
  const billedNonBillable = sheet.billedDayTotals.map((ms, i) => ms - sheet.billedBillableDayTotals[i]!);

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

  return (
    <table className="timesheet" ref={gridRef} aria-label={label}>
      <thead>
        <tr>
          <th scope="col" className="ts-project-col">Project</th>
          {sheet.days.map((d, i) => (
            <th scope="col" key={d} className={d === today ? 'today' : undefined}>
              <button type="button" className="link-button ts-day" title="Open this day’s entries" onClick={() => props.onOpenDay(d)}>{formatDayShort(d)}</button>
              <span className="ts-day-action">
                {dayApproval[i] === 'open' ? (
                  <button type="button" className="ts-approve-day" aria-label={`Approve ${formatDayLong(d)}`} onClick={() => onApproveDay(i)}>Approve</button>
                ) : dayApproval[i] === 'approved' ? (
                  <span className="ts-approved" title="Every entry of this day is approved">✓ approved</span>
                ) : null}
              </span>
            </th>
          ))}
          <th scope="col">Total</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const r = row.editable ? editable++ : -1;
          return (
            <tr key={row.key} className={row.kind === 'task' ? 'ts-task-row' : row.open ? 'ts-open-row' : undefined}>
              <RowHeader row={row} colour={props.colourOf(row.projectId)} onToggle={props.onToggle} />
              {row.figures.days.map((ms, c) => (
                <td key={sheet.days[c]}>
                  {row.editable ? (
                    <Cell row={row} r={r} c={c} date={sheet.days[c]!} generation={props.generation}
                      onCommit={props.onCommit} onKey={onCellKey} />
                  ) : (
                    <Figure rawMs={ms} billedMs={row.figures.billedDays[c]!} rule={row.rule} sum />
                  )}
                </td>
              ))}
              <td className="total"><Figure rawMs={row.figures.totalMs} billedMs={row.figures.billedMs} rule={row.rule} testId={`row-total-${row.label}`} /></td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <TotalsRow name="Total" className="ts-total-row" days={sheet.dayTotals} billedDays={sheet.billedDayTotals}
          week={sheet.weekTotalMs} billedWeek={sheet.billedWeekMs} testId="week-total" />
        <TotalsRow name="Billable" className="split" days={sheet.billableDayTotals} billedDays={sheet.billedBillableDayTotals}
          week={sheet.billableMs} billedWeek={sheet.billedBillableMs} testId="week-billable" />
        <TotalsRow name="Non-billable" className="split" days={nonBillable} billedDays={billedNonBillable}
          week={sheet.nonBillableMs} billedWeek={sheet.billedWeekMs - sheet.billedBillableMs} testId="week-nonbillable" />
      </tfoot>
    </table>
  );
}

function RowHeader({ row, colour, onToggle }: { row: GridRow; colour: string; onToggle: (projectId: string) => void }) {
  return (
    <th scope="row">
      <div className="ts-rowhead">
        {row.open !== undefined ? (
          <button type="button" className="ts-expand" aria-expanded={row.open} aria-label={`Split ${row.label} by task`}
            title={row.open ? 'Hide the tasks' : 'Split by task'} onClick={() => onToggle(row.projectId!)}>
            <span aria-hidden="true">{row.open ? '▾' : '▸'}</span>
          </button>
        ) : <span className="ts-expand-space" aria-hidden="true" />}
        {row.kind === 'project' ? <span className="dot" style={{ background: colour }} aria-hidden="true" /> : null}
        <span className="ts-name" title={row.label}>{row.name}</span>
      </div>
    </th>
  );
}

function Cell(props: {
  row: GridRow;
  r: number;
  c: number;
  date: LocalDate;
  generation: number;
  onCommit: GridProps['onCommit'];
  onKey: (e: KeyboardEvent<HTMLInputElement>, row: number, col: number) => void;
}) {
  const { row, r, c, date, generation, onCommit, onKey } = props;
  const id = useId();
  const ms = row.figures.days[c]!;
  const billedMs = row.figures.billedDays[c]!;
  const differs = formatDuration(ms) !== formatDuration(billedMs);
  return (
    <>
      <input
        className="cell"
        data-row={r}
        data-col={c}
        aria-label={`${row.label}, ${formatDayShort(date)}`}
        aria-describedby={differs ? `${id}-billed ${id}-rule` : undefined}
        defaultValue={ms > 0 ? formatDuration(ms) : ''}
        key={`${ms}-${generation}`}
        placeholder="—"
        inputMode="decimal"
        onKeyDown={(e) => onKey(e, r, c)}
        onFocus={(e) => e.currentTarget.select()}
        onBlur={(e) => {
          if (e.currentTarget.value !== e.currentTarget.defaultValue) onCommit(row, c, e.currentTarget.value, e.currentTarget);
        }}
      />
      {differs ? <Figure rawMs={ms} billedMs={billedMs} rule={row.rule} id={id} onlyBilled /> : null}
    </>
  );
}

/**
 * A raw figure with "billed 1:15" beneath it when rounding changes it; the rule is its tooltip and,
 * through `id`, the accessible description of the cell it belongs to.
 */
function Figure(props: { rawMs: number; billedMs: number; rule: string; testId?: string; id?: string; sum?: boolean; onlyBilled?: boolean }) {
  const { rawMs, billedMs, rule, testId, id, sum, onlyBilled } = props;
  const raw = formatDuration(rawMs);
  const billed = formatDuration(billedMs);
  const note = raw === billed ? null : (
    <>
      <span className="ts-billed" id={id ? `${id}-billed` : undefined} title={`Billed ${billed} for ${raw}: ${rule}`}
        data-testid={testId ? `${testId}-billed` : undefined}>billed {billed}</span>
      {id ? <span id={`${id}-rule`} hidden>{`Rounding: ${rule}`}</span> : null}
    </>
  );
  if (onlyBilled) return note;
  return (
    <>
      <span className={sum ? 'ts-sum' : 'ts-raw'} data-testid={testId}>{sum && rawMs === 0 ? '' : raw}</span>
      {note}
    </>
  );
}

function TotalsRow(props: { name: string; className: string; days: number[]; billedDays: number[]; week: number; billedWeek: number; testId: string }) {
  const { name, className, days, billedDays, week, billedWeek, testId } = props;
  return (
    <tr className={className}>
      <th scope="row">{name}</th>
      {days.map((ms, i) => <td key={i} className="total"><Figure rawMs={ms} billedMs={billedDays[i]!} rule={TOTALS_RULE} /></td>)}
      <td className={className === 'ts-total-row' ? 'total grand' : 'total'}><Figure rawMs={week} billedMs={billedWeek} rule={TOTALS_RULE} testId={testId} /></td>
    </tr>
  );
}
