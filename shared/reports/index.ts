// The reports the Reports screen offers, in its order, and the one way to build any of them (with the
// previous period beside it when asked).
import { forecastReport } from './forecast';
import { leakageReport } from './leakage';
import { profitabilityReport } from './profitability';
import { receivablesReport } from './receivables';
import { taxSummaryReport } from './tax-summary';
import type { PeriodPreset, ReportData, ReportId, ReportOptions, ReportScope, ReportView } from './types';
import { utilizationReport } from './utilization';
import { withComparison } from './compare';

interface ReportKind {
  id: ReportId;
  title: string;
  /** What the report answers, under its name. */
  hint: string;
  /** The period it opens on. */
  preset: PeriodPreset;
  /**
   * 'period': what happened in a period; 'asOf': how things stood at the period's end; 'today': how
   * things stand now (no period to choose, nothing to compare with).
   */
  looksAt: 'period' | 'asOf' | 'today';
  build: (data: ReportData, scope: ReportScope, options: ReportOptions) => ReportView;
}

export const REPORTS: readonly ReportKind[] = [
  { id: 'profitability', title: 'Profitability', hint: 'Revenue, cost and margin', preset: 'month', looksAt: 'period', build: profitabilityReport },
  { id: 'utilization', title: 'Utilization', hint: 'Billable time against capacity', preset: 'quarter', looksAt: 'period', build: utilizationReport },
  { id: 'leakage', title: 'Unbilled work', hint: 'Work not yet on an invoice', preset: 'month', looksAt: 'today', build: leakageReport },
  { id: 'receivables', title: 'Receivables', hint: 'What clients owe, by age', preset: 'month', looksAt: 'asOf', build: receivablesReport },
  { id: 'forecast', title: 'Cash forecast', hint: 'Money expected in the next 90 days', preset: 'month', looksAt: 'today', build: forecastReport },
  { id: 'taxSummary', title: 'Tax-time summary', hint: 'The year’s hours and labour cost', preset: 'year', looksAt: 'period', build: taxSummaryReport },
];

export function reportKind(id: ReportId): ReportKind {
  return REPORTS.find((r) => r.id === id)!;
}

/** The report over `scope`; with `previous`, the same report over that scope beside it. */
export function buildReport(id: ReportId, data: ReportData, scope: ReportScope, options: ReportOptions = {}, previous?: { data: ReportData; scope: ReportScope }): ReportView {
  const kind = reportKind(id);
  const view = kind.build(data, scope, options);
  return previous ? withComparison(view, kind.build(previous.data, previous.scope, options)) : view;
}
