import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { TimeEntry } from '../../../shared/entries/entry';
import { EXPORT_HEADERS, exportEntriesCsv, type ExportLookups } from '../../../shared/csv/export';
import { detectFormat } from '../../../shared/csv/formats';
import { previewImport } from '../../../shared/csv/import';
import type { BilledTime } from '../../../shared/rounding/billed';
import { zonedInstant } from '../../../shared/time/zone';

const zone = 'America/New_York';
const cellsOf = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
/** Each data row as header → cell, so a test names the columns it checks. */
const recordsOf = (csv: string) => {
  const [header, ...rows] = cellsOf(csv);
  return rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i]!])));
};

const entry = (over: Partial<TimeEntry>): TimeEntry => ({
  id: 'e', projectId: 'p1', taskId: 't1', description: 'Work', start: zonedInstant('2024-03-04', '09:00', zone), end: zonedInstant('2024-03-04', '10:07', zone),
  zone, source: 'manual', billable: true, status: 'draft', version: 1, createdAt: 0, updatedAt: 0, ...over,
});
const lookups: ExportLookups = {
  projectName: (id) => ({ p1: '=Evil project' })[id],
  clientName: () => 'Acme, Inc.',
  taskName: () => 'Design',
  rate: () => null,
  billsTime: (e) => e.billable,
  currency: 'USD',
};
const unrounded = (e: TimeEntry & { end: number }): BilledTime => ({ rawMs: e.end - e.start, billedMs: e.end - e.start, policy: { incrementMinutes: 1, mode: 'nearest', scope: 'entry' }, source: 'workspace' });
const exportOne = (e: TimeEntry, over: Partial<ExportLookups> = {}, billed = unrounded) => recordsOf(exportEntriesCsv([e], { ...lookups, ...over }, billed))[0]!;

describe('exportEntriesCsv', () => {
  it('writes raw and rounded durations, skips running and deleted entries, guards formulas', () => {
    const csv = exportEntriesCsv(
      [entry({ id: 'b', start: zonedInstant('2024-03-05', '09:00', zone), end: zonedInstant('2024-03-05', '09:20', zone) }), entry({ id: 'a' }), entry({ id: 'r', end: null }), entry({ id: 'd', deletedAt: 5 })],
      lookups,
      (e) => ({ rawMs: e.end - e.start, billedMs: e.id === 'a' ? 75 * 60_000 : 30 * 60_000, policy: { incrementMinutes: 15, mode: 'up', scope: 'entry' }, source: 'project' }),
    );
    const rows = cellsOf(csv);
    expect(rows[0]).toEqual([
      'Date', 'Start time', 'End date', 'End time', 'Time zone', 'Person', 'Client', 'Project', 'Task', 'Description', 'Tags',
      'Billable', 'Status', 'Rate', 'Amount', 'Currency', 'Duration (raw)', 'Duration (rounded)', 'Hours (raw)', 'Hours (rounded)', 'Rounding',
      'Start (UTC)', 'End (UTC)',
    ]);
    expect(rows[0]).toEqual([...EXPORT_HEADERS]);
    expect(rows.slice(1)).toEqual([
      ['2024-03-04', '09:00:00', '2024-03-04', '10:07:00', zone, '', 'Acme, Inc.', "'=Evil project", 'Design', 'Work', '', 'Yes', 'draft', '', '', '', '1:07', '1:15', '1.12', '1.25', '15 min up, per entry (project rule)', '2024-03-04T14:00:00.000Z', '2024-03-04T15:07:00.000Z'],
      ['2024-03-05', '09:00:00', '2024-03-05', '09:20:00', zone, '', 'Acme, Inc.', "'=Evil project", 'Design', 'Work', '', 'Yes', 'draft', '', '', '', '0:20', '0:30', '0.33', '0.50', '15 min up, per entry (project rule)', '2024-03-05T14:00:00.000Z', '2024-03-05T14:20:00.000Z'],
    ]);
  });

  it('keeps the seconds of a sub-minute entry', () => {
    const start = zonedInstant('2024-03-04', '09:00', zone) + 5_000;
    const row = exportOne(entry({ start, end: start + 40_000 }));
    expect([row['Start time'], row['End time'], row['Hours (raw)']]).toEqual(['09:00:05', '09:00:45', '0.01']);
  });

  it('gives an overnight entry the next day as its end date', () => {
    const row = exportOne(entry({ start: zonedInstant('2024-03-04', '23:30', zone), end: zonedInstant('2024-03-05', '00:45', zone) }));
    expect([row['Date'], row['Start time'], row['End date'], row['End time']]).toEqual(['2024-03-04', '23:30:00', '2024-03-05', '00:45:00']);
  });

  it('writes dates and times in each entry’s own zone and names the zone', () => {
    const tokyo = 'Asia/Tokyo';
    const row = exportOne(entry({ zone: tokyo, start: zonedInstant('2024-03-05', '08:00', tokyo), end: zonedInstant('2024-03-05', '09:00', tokyo) }));
    expect([row['Date'], row['Start time'], row['Time zone']]).toEqual(['2024-03-05', '08:00:00', tokyo]);
  });

  it('writes tags, the person and the status word', () => {
    const row = exportOne(entry({ tags: ['review', 'urgent'], status: 'invoiced', imported: { person: 'Ana Silva', currency: null, rateMinor: null, amountMinor: null, costRateMinor: null, status: 'invoiced' } }));
    expect([row['Tags'], row['Person'], row['Status']]).toEqual(['review, urgent', 'Ana Silva', 'invoiced']);
  });

  it('keeps the money an imported row came with, in its own currency', () => {
    const imported = { person: null, currency: 'EUR', rateMinor: 8_550, amountMinor: 12_825, costRateMinor: 4_000, status: null };
    const row = exportOne(entry({ imported }), { rate: () => ({ rateMinor: 12_000, currency: 'USD' }) });
    expect([row['Rate'], row['Amount'], row['Currency']]).toEqual(['85.50', '128.25', 'EUR']);
    // A file that named no currency: the workspace's.
    const noCurrency = exportOne(entry({ imported: { ...imported, currency: null, rateMinor: null } }), { currency: 'GBP' });
    expect([noCurrency['Rate'], noCurrency['Amount'], noCurrency['Currency']]).toEqual(['', '128.25', 'GBP']);
  });

  it('writes the resolved rate and rate × rounded time for billable work', () => {
    const rate = () => ({ rateMinor: 12_345, currency: 'USD' });
    const quarterHours = (e: TimeEntry & { end: number }): BilledTime => ({ ...unrounded(e), billedMs: 75 * 60_000, policy: { incrementMinutes: 15, mode: 'up', scope: 'entry' } });
    const row = exportOne(entry({}), { rate }, quarterHours);
    // 123.45 × 1.25 h = 154.3125 → 154.31
    expect([row['Rate'], row['Amount'], row['Currency']]).toEqual(['123.45', '154.31', 'USD']);
  });

  it('writes amount 0 for time that is not billed, and nothing when no rate is known', () => {
    const rate = () => ({ rateMinor: 12_000, currency: 'USD' });
    const free = exportOne(entry({ billable: false }), { rate });
    expect([free['Billable'], free['Rate'], free['Amount'], free['Currency']]).toEqual(['No', '120.00', '0.00', 'USD']);
    const nonBillableProject = exportOne(entry({}), { rate, billsTime: () => false });
    expect([nonBillableProject['Billable'], nonBillableProject['Amount']]).toEqual(['Yes', '0.00']);
    const unknown = exportOne(entry({}));
    expect([unknown['Rate'], unknown['Amount'], unknown['Currency']]).toEqual(['', '', '']);
  });

  it('writes yen without decimals', () => {
    const row = exportOne(entry({}), { rate: () => ({ rateMinor: 1_105, currency: 'JPY' }) });
    // ¥1,105 × 67 min = ¥1,233.92 → ¥1,234
    expect([row['Rate'], row['Amount'], row['Currency']]).toEqual(['1105', '1234', 'JPY']);
  });

  it('is recognised as our own file and read back exactly: seconds, end dates, zones, tags and quoted formulas', () => {
    const start = zonedInstant('2024-03-04', '09:00', zone) + 5_000;
    const entries = [
      entry({ id: 'short', start, end: start + 40_000, description: "'=not a formula" }),
      entry({ id: 'night', start: zonedInstant('2024-03-04', '23:30', zone), end: zonedInstant('2024-03-05', '00:45', zone), billable: false }),
      // The second 01:30 of the night New York's clocks go back, and a timer's milliseconds.
      entry({ id: 'repeated', start: Date.parse('2024-11-03T06:30:00.250Z'), end: Date.parse('2024-11-03T06:45:00.999Z') }),
      entry({ id: 'tokyo', zone: 'Asia/Tokyo', start: zonedInstant('2024-03-06', '10:00', 'Asia/Tokyo'), end: zonedInstant('2024-03-06', '10:30', 'Asia/Tokyo'), tags: ['=sum', 'call'] }),
    ];
    const csv = exportEntriesCsv(entries, lookups, unrounded);
    expect(detectFormat(cellsOf(csv)[0]!)).toBe('tracknexus');
    const { rows, errors, warnings } = previewImport(csv, 'tracknexus', { zone: 'Europe/Berlin' });
    expect([errors, warnings]).toEqual([[], []]);
    expect(rows.map((r) => [r.start, r.end, r.zone, r.description, r.billable, r.tags])).toEqual(
      [...entries].sort((a, b) => a.start - b.start).map((e) => [e.start, e.end, e.zone, e.description, e.billable, e.tags ?? []]),
    );
  });
});
