// A report's table: a real <table> with a caption, column headers that sort on click (aria-sort
// says how), numbers right-aligned in the app's formats, the total row in <tfoot>, and a button on
// rows that point somewhere to fix what they show. A long table shows its first rows and a button for
// the rest (the exports always hold every row), so a report opens without drawing hundreds of rows.
import { useState } from 'react';
import { formatValue } from '../../../../shared/reports/format';
import type { Cell, ReportColumn, ReportLink, ReportRow, ReportTable } from '../../../../shared/reports/types';
import '../../components/charts/charts.css';

export interface ReportTableViewProps {
  table: ReportTable;
  currency: string;
  onOpen: (link: ReportLink) => void;
}

type Sort = { key: string; direction: 'ascending' | 'descending' } | null;

/** Empty cells last whichever way; text in the user's alphabet, numbers by size. */
function compare(a: Cell, b: Cell): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

function sorted(rows: ReportRow[], sort: Sort): ReportRow[] {
  if (!sort) return rows;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a.cells[sort.key] ?? null;
    const y = b.cells[sort.key] ?? null;
    return x === null || y === null ? compare(x, y) : sign * compare(x, y);
  });
}

/** First click sorts text A→Z and numbers largest first; the next click turns it round; a third goes back to the report's order. */
function nextSort(sort: Sort, column: ReportColumn): Sort {
  const first = column.kind === 'text' ? 'ascending' : 'descending';
  if (sort?.key !== column.key) return { key: column.key, direction: first };
  return sort.direction === first ? { key: column.key, direction: first === 'ascending' ? 'descending' : 'ascending' } : null;
}

const numeric = (column: ReportColumn) => column.kind !== 'text';

/** Rows shown before "Show all". */
const FIRST_ROWS = 100;

export function ReportTableView({ table, currency, onOpen }: ReportTableViewProps) {
  const [sort, setSort] = useState<Sort>(null);
  const [all, setAll] = useState(false);
  const rows = sorted(table.rows, sort);
  const shown = all ? rows : rows.slice(0, FIRST_ROWS);
  const hasLinks = table.rows.some((row) => row.link);
  // The total row leaves cells it has no sum for blank rather than "—".
  const cell = (column: ReportColumn, value: Cell | undefined, blank = false) => (
    <td key={column.key} className={numeric(column) ? 'num' : undefined}>{blank && value == null ? '' : formatValue(column.kind, value ?? null, currency)}</td>
  );

  // A wide table scrolls sideways inside its own box (reachable by keyboard), not the page.
  return (
    <div className="report-table-wrap" role="region" aria-label={`${table.title}, scrolls sideways`} tabIndex={0}>
    <table className="report-table">
      <caption>{table.title}</caption>
      <thead>
        <tr>
          {table.columns.map((column) => (
            <th key={column.key} scope="col" className={numeric(column) ? 'num' : undefined} aria-sort={sort?.key === column.key ? sort.direction : undefined}>
              <button type="button" onClick={() => setSort(nextSort(sort, column))}>{column.label}</button>
            </th>
          ))}
          {hasLinks && <td />}
        </tr>
      </thead>
      <tbody>
        {shown.map((row, i) => (
          <tr key={i}>
            {table.columns.map((column) => cell(column, row.cells[column.key]))}
            {hasLinks && (
              <td>{row.link && <button type="button" className="row-link" onClick={() => onOpen(row.link!)}>{row.link.label}</button>}</td>
            )}
          </tr>
        ))}
        {shown.length < rows.length && (
          <tr className="more-rows">
            <td colSpan={table.columns.length + (hasLinks ? 1 : 0)}>
              <button type="button" className="row-link" onClick={() => setAll(true)}>Show all {rows.length.toLocaleString()} rows</button>
            </td>
          </tr>
        )}
      </tbody>
      {table.total && (
        <tfoot>
          <tr>
            {table.columns.map((column) => cell(column, table.total![column.key], true))}
            {hasLinks && <td />}
          </tr>
        </tfoot>
      )}
    </table>
    </div>
  );
}
