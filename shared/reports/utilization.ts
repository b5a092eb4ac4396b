// STUB: replaced by the real implementation.
import type { ReportData, ReportScope, ReportView, ReportOptions } from './types';
import { emptyView } from './view';

export function utilizationReport(data: ReportData, scope: ReportScope, options: ReportOptions = {}): ReportView {
  void scope; void options;
  return emptyView('utilization', 'utilization', '', data.currency);
}
