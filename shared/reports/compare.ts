// Comparing with the previous period: each headline figure gets the earlier period's value beside it,
// and charts whose categories are names (clients, people) get the earlier period's series lined up
// by name. Tables stay as they are; a note says which period the comparison is with.
import type { ChartSeries, ChartSpec, ReportView } from './types';

const isCurrent = (s: ChartSeries): boolean => s.role === undefined || s.role === 'current';

/** The previous chart's series with this label, its values moved to the current chart's categories. */
function alignedSeries(chart: ChartSpec, before: ChartSpec | undefined, series: ChartSeries): ChartSeries {
  const old = before?.series.find((s) => s.label === series.label && isCurrent(s));
  const values = chart.categories.map((category) => {
    const i = before?.categories.indexOf(category) ?? -1;
    return i < 0 || !old ? null : (old.values[i] ?? null);
  });
  return { label: `${series.label} (previous period)`, values, role: 'previous' };
}

function compareChart(chart: ChartSpec, previous: ReportView): ChartSpec {
  if (!chart.comparable) return chart;
  const before = previous.charts.find((c) => c.id === chart.id);
  return { ...chart, series: [...chart.series, ...chart.series.filter(isCurrent).map((s) => alignedSeries(chart, before, s))] };
}

/** The current view with the previous period's figures beside its own (figures' `previous`, charts' previous series). */
export function withComparison(current: ReportView, previous: ReportView): ReportView {
  const earlier = new Map(previous.figures.map((f) => [f.label, f.value]));
  return {
    ...current,
    figures: current.figures.map((f) => ({ ...f, previous: earlier.get(f.label) ?? 0 })),
    charts: current.charts.map((c) => compareChart(c, previous)),
    notes: [...current.notes, `Compared with ${previous.period}.`],
  };
}
