import { describe, expect, it } from 'vitest';
import { utilizationReport } from '../../../shared/reports/utilization';
import { HOUR, entry, reportData, scope } from './data';

// December 2026 starts on a Tuesday and ends on a Thursday: its first and last weeks have 4 weekdays inside.
const data = reportData({
  people: [
    { id: 'ann', name: 'Ann', kind: 'employee', capacityMinutesPerWeek: 40 * 60, costRates: [] },
    { id: 'bo', name: 'Bo', kind: 'contractor', capacityMinutesPerWeek: 0, costRates: [] },
  ],
  entries: [
    entry({ id: 'a', localDate: '2026-11-30', personId: 'ann', rawMs: 8 * HOUR }),
    entry({ id: 'b', localDate: '2026-12-01', personId: 'ann', rawMs: 8 * HOUR }),
    entry({ id: 'c', localDate: '2026-12-02', personId: 'ann', rawMs: 4 * HOUR }),
    entry({ id: 'd', localDate: '2026-12-02', personId: 'ann', rawMs: 4 * HOUR, billable: false }),
    entry({ id: 'e', localDate: '2026-12-09', personId: 'bo', rawMs: 2 * HOUR }),
  ],
});
const view = utilizationReport(data, scope('2026-12-01', '2026-12-31'));

describe('utilizationReport', () => {
  it('gives a week cut by the period only the capacity of its weekdays inside', () => {
    const weeks = view.tables[1]!.rows.filter((r) => r.cells['person'] === 'Ann').map((r) => r.cells);
    expect(weeks.map((w) => w['week'])).toEqual(['2026-11-30', '2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28']);
    expect(weeks.map((w) => w['capacity'])).toEqual([32, 40, 40, 40, 32].map((h) => h * HOUR));
    // The 30 Nov entry is outside December: 12 billable hours of 32.
    expect(weeks[0]).toMatchObject({ billable: 12 * HOUR, nonBillable: 4 * HOUR, utilization: 37.5 });
  });

  it('shows the headline numbers for everyone', () => {
    const figures = Object.fromEntries(view.figures.map((f) => [f.label, f.value]));
    expect(figures).toEqual({ 'Billable hours': 14 * HOUR, Hours: 18 * HOUR, Capacity: 184 * HOUR, Utilization: 7.6, 'Billable share of hours': 77.8 });
  });

  it('leaves utilization empty for someone without capacity and draws the target line', () => {
    const line = view.charts.find((c) => c.id === 'utilizationByWeek')!;
    expect(line.series.find((s) => s.label === 'Bo')!.values).toEqual([null, null, null, null, null]);
    expect(line.series.find((s) => s.role === 'target')).toEqual({ label: 'Target', values: [75, 75, 75, 75, 75], role: 'target' });
    expect(view.tables[0]!.rows.map((r) => r.cells['utilization'])).toEqual([6.5, null]); // Ann: 12 h of 184
  });
});
