// What every report builder starts from: an empty view with its title and period in words.
import type { ReportId, ReportView } from './types';

export function emptyView(id: ReportId, title: string, period: string, currency: string): ReportView {
  return { id, title, period, currency, figures: [], charts: [], tables: [], notes: [] };
}

/** Nothing in the period: every figure nought, no table rows, no chart values (the screen shows an empty state, no charts). */
export function isEmptyView(view: ReportView): boolean {
  return view.figures.every((f) => f.value === 0 && !f.previous)
    && view.tables.every((t) => t.rows.length === 0)
    && view.charts.every((c) => c.series.every((s) => s.values.every((v) => !v)));
}
