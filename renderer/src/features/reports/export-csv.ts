// A report as one CSV file for a spreadsheet: the title and period, then each table under its own
// title with its header, rows and total, blank lines between. Numbers are plain (decimal hours,
// money in major units) so the spreadsheet can add them up. Text cells go through the app's CSV
// escaping (shared/csv/write), which also stops a client named "=HYPERLINK(…)" from running as a
// formula; numbers are ours and written as they are, so a negative margin stays a number.
import { escapeCell } from '../../../../shared/csv/write';
import { plainValue } from '../../../../shared/reports/format';
import type { Cell, ReportColumn, ReportTable, ReportView } from '../../../../shared/reports/types';

/** The column's label with the unit its plain numbers are in: "Revenue (USD)", "Billed (hours)". */
function headerLabel(column: ReportColumn, currency: string): string {
  if (column.kind === 'money') return `${column.label} (${currency})`;
  // Units already in the label ("Hours", "Margin %") are not repeated.
  const unit: Partial<Record<ReportColumn['kind'], [RegExp, string]>> = {
    ms: [/hour/i, 'hours'],
    percent: [/%|percent/i, '%'],
    days: [/day/i, 'days'],
  };
  const rule = unit[column.kind];
  return rule && !rule[0].test(column.label) ? `${column.label} (${rule[1]})` : column.label;
}

function cell(column: ReportColumn, value: Cell | undefined, currency: string): string {
  if (typeof value === 'number') return plainValue(column.kind, value, currency);
  return escapeCell(plainValue(column.kind, value ?? null, currency));
}

function tableLines(table: ReportTable, currency: string): string[] {
  const line = (cells: Record<string, Cell>) => table.columns.map((c) => cell(c, cells[c.key], currency)).join(',');
  return [
    escapeCell(table.title),
    table.columns.map((c) => escapeCell(headerLabel(c, currency))).join(','),
    ...table.rows.map((row) => line(row.cells)),
    ...(table.total ? [line(table.total)] : []),
  ];
}

/** The view's tables as one CSV text (each table under its title), numbers plain for spreadsheets. */
export function reportCsv(view: ReportView): string {
  const blocks = [
    [`${escapeCell(view.title)},${escapeCell(view.period)}`],
    ...view.tables.map((table) => tableLines(table, view.currency)),
    ...(view.notes.length > 0 ? [view.notes.map(escapeCell)] : []),
  ];
  return blocks.map((lines) => lines.join('\r\n')).join('\r\n\r\n') + '\r\n';
}
