// What every report builder starts from: an empty view with its title and period in words.
import type { ReportId, ReportView } from './types';

export function emptyView(id: ReportId, title: string, period: string, currency: string): ReportView {
  return { id, title, period, currency, figures: [], charts: [], tables: [], notes: [] };
}
