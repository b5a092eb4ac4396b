// The report CSV as a spreadsheet reads it: titles, unit-labelled headers, plain numbers, totals,
// and client names that cannot break the file or run as formulas.
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { reportCsv } from '../../../renderer/src/features/reports/export-csv';
import { unescapeCell } from '../../../shared/csv/write';
import type { ReportTable, ReportView } from '../../../shared/reports/types';

const HOUR = 3_600_000;
const HOSTILE = '=HYPERLINK("http://evil.example","Click"), Inc.\nLine two';

const clients: ReportTable = {
  id: 'clients', title: 'By client',
  columns: [
    { key: 'client', label: 'Client', kind: 'text' },
    { key: 'hours', label: 'Hours', kind: 'ms' },
    { key: 'revenue', label: 'Revenue', kind: 'money' },
    { key: 'margin', label: 'Margin', kind: 'percent' },
  ],
  rows: [
    { cells: { client: 'Acme Corp', hours: 12.5 * HOUR, revenue: 123450, margin: 40 } },
    { cells: { client: HOSTILE, hours: 0.25 * HOUR, revenue: -5000, margin: null } },
  ],
  total: { client: 'Total', hours: 12.75 * HOUR, revenue: 118450, margin: null },
};
const aging: ReportTable = {
  id: 'aging', title: 'Overdue', columns: [{ key: 'due', label: 'Due', kind: 'date' }, { key: 'late', label: 'Late', kind: 'days' }],
  rows: [{ cells: { due: '2026-11-01', late: 33 } }],
};
const view: ReportView = {
  id: 'profitability', title: 'Profitability', period: '1 Dec 2026 – 31 Dec 2026', currency: 'USD',
  figures: [], charts: [], tables: [clients, aging], notes: ['2 entries in EUR are left out.'],
};

const parse = (csv: string) => Papa.parse<string[]>(csv.trimEnd(), { skipEmptyLines: false }).data;

describe('reportCsv', () => {
  it('lays the tables out under their titles with units in the headers and plain numbers', () => {
    const rows = parse(reportCsv(view));
    expect(rows[0]).toEqual(['Profitability', '1 Dec 2026 – 31 Dec 2026']);
    expect(rows[1]).toEqual(['']);
    expect(rows[2]).toEqual(['By client']);
    expect(rows[3]).toEqual(['Client', 'Hours', 'Revenue (USD)', 'Margin (%)']);
    expect(rows[4]).toEqual(['Acme Corp', '12.50', '1234.50', '40.0']);
    expect(rows[6]).toEqual(['Total', '12.75', '1184.50', '']);
    expect(rows[7]).toEqual(['']);
    expect(rows[8]).toEqual(['Overdue']);
    expect(rows[9]).toEqual(['Due', 'Late (days)']);
    expect(rows[10]).toEqual(['2026-11-01', '33.0']);
    expect(rows.at(-1)).toEqual(['2 entries in EUR are left out.']);
  });

  it('keeps a hostile client name in one cell, and makes it plain text for the spreadsheet', () => {
    const row = parse(reportCsv(view))[5]!;
    expect(row).toHaveLength(4);
    expect(row[0]).toBe(`'${HOSTILE}`);
    // A loss stays a number a spreadsheet can add up.
    expect(row[2]).toBe('-50.00');
  });

  it('uses CRLF line ends, as spreadsheets expect', () => {
    expect(reportCsv(view).split('\r\n')[0]).toBe('Profitability,1 Dec 2026 – 31 Dec 2026');
  });

  it('gives back every client name exactly, whatever it contains', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 5 }), (names) => {
      const one: ReportTable = { ...clients, rows: names.map((client) => ({ cells: { client, hours: HOUR, revenue: 100, margin: 1 } })), total: undefined };
      const rows = parse(reportCsv({ ...view, tables: [one], notes: [] })).slice(4);
      expect(rows.map((r) => r.length)).toEqual(names.map(() => 4));
      expect(rows.map((r) => unescapeCell(r[0]!))).toEqual(names);
    }));
  });
});
