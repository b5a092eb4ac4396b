// STUB: replaced by the real implementation.
import type { ReportView } from '../../../../shared/reports/types';

/** The view's tables as one CSV text (each table under its title), numbers plain for spreadsheets. */
export function reportCsv(view: ReportView): string {
  return view.title;
}
