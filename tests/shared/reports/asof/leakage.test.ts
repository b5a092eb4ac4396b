// Unbilled work: each stage's hours, amount and oldest day, the age it has waited, and the link
// that takes the user to the screen where it moves on.
import { describe, expect, it } from 'vitest';
import { leakageReport } from '../../../../shared/reports/leakage';
import { addLocalDays } from '../../../../shared/time/local-date';
import { ALL, chart, entry, figure, HOUR, segment, table, workspace } from './data';

const data = workspace({
  segments: [segment({ localDate: '2026-12-01', ms: 2 * HOUR, valueMinor: 200_00 }), segment({ localDate: '2026-11-20', ms: HOUR, valueMinor: 100_00, projectId: 'app' })],
  entries: [
    entry({ status: 'draft', localDate: '2026-11-30', billedMs: 1.5 * HOUR, rawMs: 1.4 * HOUR, valueMinor: 150_00 }),
    entry({ status: 'draft', localDate: '2026-12-02', billable: false, rawMs: 0.5 * HOUR, billedMs: HOUR, valueMinor: 0 }),
    entry({ status: 'approved', localDate: '2026-10-01', valueMinor: 100_00 }),
    entry({ status: 'synced', localDate: '2026-09-01', valueMinor: 100_00, projectId: 'app', clientId: 'bolt' }),
    entry({ status: 'synced', localDate: '2026-09-02', billable: false }),
    entry({ status: 'synced', localDate: '2026-09-03', invoiceId: 'inv1', invoicedMinor: 100_00 }),
    entry({ status: 'invoiced', localDate: '2026-09-04', invoiceId: 'inv1' }),
  ],
});

describe('unbilled work', () => {
  it('counts each stage: hours as billed for billable time and as worked for the rest, oldest day and days waiting', () => {
    const view = leakageReport(data, ALL);
    expect(view.period).toBe('As of 4 Dec 2026');
    expect(table(view, 'stages').rows.map((r) => r.cells)).toEqual([
      { stage: 'Captured, not reviewed', count: 2, hours: 3 * HOUR, amount: 300_00, oldest: '2026-11-20', age: 14 },
      { stage: 'Draft, not approved', count: 2, hours: 2 * HOUR, amount: 150_00, oldest: '2026-11-30', age: 4 },
      { stage: 'Approved, not synced', count: 1, hours: HOUR, amount: 100_00, oldest: '2026-10-01', age: 64 },
      { stage: 'Synced, not invoiced', count: 1, hours: HOUR, amount: 100_00, oldest: '2026-09-01', age: 94 },
    ]);
    expect(table(view, 'stages').total).toEqual({ stage: 'Total', count: 6, hours: 7 * HOUR, amount: 650_00, oldest: '2026-09-01', age: 94 });
    expect(figure(view, 'Total at rate')).toBe(650_00);
  });

  it('links each stage to the screen that fixes its oldest item', () => {
    const links = table(leakageReport(data, ALL), 'stages').rows.map((r) => r.link);
    expect(links).toEqual([
      { screen: 'review', day: '2026-11-20', label: 'Review 20 Nov' },
      { screen: 'today', day: '2026-11-30', label: 'Approve on 30 Nov' },
      { screen: 'quickbooks', section: 'sync', label: 'Sync to QuickBooks' },
      { screen: 'invoices', label: 'Make the invoice' },
    ]);
  });

  it('draws hours by how long they have waited, stage by stage', () => {
    const hoursByAge = chart(leakageReport(data, ALL), 'hours-by-age');
    expect(hoursByAge.series.map((s) => [s.label, s.values])).toEqual([
      ['0–7 days', [2 * HOUR, 2 * HOUR, 0, 0]],
      ['8–30 days', [HOUR, 0, 0, 0]],
      ['31–60 days', [0, 0, 0, 0]],
      ['Over 60 days', [0, 0, HOUR, HOUR]],
    ]);
  });

  it('lists the detail oldest first, one row per stage, day and project, each with its fix', () => {
    const rows = table(leakageReport(data, ALL), 'detail').rows;
    expect(rows[0]).toEqual({
      cells: { stage: 'Synced, not invoiced', date: '2026-09-01', client: 'Bolt Ltd', project: 'Project app', hours: HOUR, amount: 100_00, age: 94 },
      link: { screen: 'invoices', label: 'Make the invoice' },
    });
    expect(rows.map((r) => r.cells['date'])).toEqual(['2026-09-01', '2026-10-01', '2026-11-20', '2026-11-30', '2026-12-01', '2026-12-02']);
    expect(rows[2]!.link).toEqual({ screen: 'review', day: '2026-11-20', label: 'Review 20 Nov' });
  });

  it('filters captured time by its project’s client, and caps the detail at 500 rows with a note', () => {
    const bolt = leakageReport(data, { ...ALL, clientIds: ['bolt'] });
    expect(table(bolt, 'stages').rows.map((r) => r.cells['count'])).toEqual([1, 0, 0, 1]);
    expect(table(bolt, 'stages').rows[1]!.link).toBeUndefined();
    const many = workspace({ entries: Array.from({ length: 600 }, (_, i) => entry({ localDate: addLocalDays('2025-01-01', i) })) });
    const view = leakageReport(many, ALL);
    expect(table(view, 'detail').rows).toHaveLength(500);
    expect(table(view, 'detail').rows[0]!.cells['date']).toBe('2025-01-01');
    expect(view.notes).toEqual(['The detail shows the oldest 500 of 600 rows; the totals count them all.']);
    expect(table(view, 'stages').total!['count']).toBe(600);
  });
});
