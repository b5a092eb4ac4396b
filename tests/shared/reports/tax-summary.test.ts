import { describe, expect, it } from 'vitest';
import { taxSummaryReport } from '../../../shared/reports/tax-summary';
import { HOUR, entry, reportData, scope } from './data';

const data = reportData({
  projects: [
    { id: 'web', name: 'Website', clientId: null, arrangement: null },
    { id: 'app', name: 'App', clientId: null, arrangement: null },
  ],
  tasks: [
    { id: 'd1', projectId: 'web', name: 'Design' },
    { id: 'd2', projectId: 'app', name: 'Design' },
  ],
  people: [
    { id: 'ann', name: 'Ann', kind: 'employee', capacityMinutesPerWeek: 0, costRates: [{ effectiveFrom: '2026-01-01', rateMinor: 4000 }] },
    { id: 'bo', name: 'Bo', kind: 'contractor', capacityMinutesPerWeek: 0, costRates: [{ effectiveFrom: '2026-01-01', rateMinor: 6000 }] },
    { id: 'cy', name: 'Cy', kind: 'contractor', capacityMinutesPerWeek: 0, costRates: [{ effectiveFrom: '2026-01-01', rateMinor: 5000 }] },
  ],
  entries: [
    entry({ id: 'a', localDate: '2026-01-15', personId: 'ann', projectId: 'web', taskId: 'd1', rawMs: 2 * HOUR }),
    entry({ id: 'b', localDate: '2026-03-02', personId: 'bo', projectId: 'app', taskId: 'd2', rawMs: HOUR, billable: false }),
    entry({ id: 'c', localDate: '2026-03-03', personId: 'cy', projectId: 'app', rawMs: 3 * HOUR }),
    entry({ id: 'd', localDate: '2025-12-31', personId: 'cy', projectId: 'app', rawMs: 9 * HOUR }),
  ],
});
const view = taxSummaryReport(data, scope('2026-01-01', '2026-12-31'));
const table = (id: string) => view.tables.find((t) => t.id === id)!;

describe('taxSummaryReport', () => {
  it('adds up a service line across projects by its name', () => {
    expect(table('byCategory').rows.map((r) => r.cells)).toEqual([
      { name: 'Design', hours: 3 * HOUR, cost: 8000 + 6000 },
      { name: 'No task', hours: 3 * HOUR, cost: 15_000 },
    ]);
  });

  it('counts employees and contractors apart and names the people of each', () => {
    expect(table('byWorkerKind').rows.map((r) => r.cells)).toEqual([
      { name: 'Contractors', people: 'Bo, Cy', hours: 4 * HOUR, cost: 21_000 },
      { name: 'Employees', people: 'Ann', hours: 2 * HOUR, cost: 8000 },
    ]);
    expect(Object.fromEntries(view.figures.map((f) => [f.label, f.value]))).toEqual({
      Hours: 6 * HOUR,
      'Labour cost': 29_000,
      'Employee hours': 2 * HOUR,
      'Contractor hours': 4 * HOUR,
      'Billable hours': 5 * HOUR,
    });
  });

  it('draws the months of the year with each kind of worker’s hours', () => {
    const chart = view.charts.find((c) => c.id === 'kindByMonth')!;
    expect(chart.categories).toHaveLength(12);
    expect(chart.categories[0]).toBe('Jan 2026');
    expect(chart.series.map((s) => [s.label, s.values[0], s.values[2]])).toEqual([['Employees', 2 * HOUR, 0], ['Contractors', 0, 4 * HOUR]]);
  });
});
