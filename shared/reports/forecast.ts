// STUB: replaced by the real implementation.
import type { ReportData, ReportScope, ReportView, ReportOptions } from './types';
import { emptyView } from './view';

export function forecastReport(data: ReportData, scope: ReportScope, options: ReportOptions = {}): ReportView {
  void scope; void options;
  return emptyView('forecast', 'forecast', '', data.currency);
}
