import { describe, expect, it } from 'vitest';
import { withComparison } from '../../../shared/reports/compare';
import type { ChartSpec, ReportView } from '../../../shared/reports/types';

function view(period: string, figures: Array<[string, number]>, charts: ChartSpec[]): ReportView {
  return { id: 'profitability', title: 'Profitability', period, currency: 'USD', figures: figures.map(([label, value]) => ({ label, kind: 'money', value })), charts, tables: [], notes: [] };
}

const byClient = (categories: string[], cost: number[], margin: number[]): ChartSpec => ({
  id: 'revenueByGroup',
  title: 'Revenue by client',
  kind: 'stackedBar',
  categories,
  unit: 'money',
  series: [{ label: 'Cost', values: cost }, { label: 'Margin', values: margin }],
  comparable: true,
});
const weekly = (values: number[]): ChartSpec => ({ id: 'revenueByWeek', title: 'Revenue by week', kind: 'line', categories: ['2 Nov', '9 Nov'], unit: 'money', series: [{ label: 'Revenue', values }] });

describe('withComparison', () => {
  const current = view('1 Dec 2026 – 31 Dec 2026', [['Revenue', 900], ['Margin %', 40]], [byClient(['Beta', 'Acme'], [100, 200], [300, 400]), weekly([1, 2])]);
  const previous = view('1 Nov 2026 – 30 Nov 2026', [['Revenue', 600]], [byClient(['Acme', 'Gamma'], [50, 60], [70, 80]), weekly([3, 4])]);
  const compared = withComparison(current, previous);

  it('puts last period’s figure beside each figure, 0 where it had none', () => {
    expect(compared.figures.map((f) => [f.label, f.value, f.previous])).toEqual([['Revenue', 900, 600], ['Margin %', 40, 0]]);
  });

  it('lines up the previous period’s values by client name, empty where a client had none', () => {
    const series = compared.charts[0]!.series;
    expect(series.map((s) => [s.label, s.values, s.role])).toEqual([
      ['Cost', [100, 200], undefined],
      ['Margin', [300, 400], undefined],
      ['Cost (previous period)', [null, 50], 'previous'],
      ['Margin (previous period)', [null, 70], 'previous'],
    ]);
  });

  it('leaves charts over dates as they are and says what it compares with', () => {
    expect(compared.charts[1]).toEqual(current.charts[1]);
    expect(compared.notes).toEqual(['Compared with 1 Nov 2026 – 30 Nov 2026.']);
  });
});
