// STUB: replaced by the real implementation.
import type { RepoContext } from '../../../db/context';
import type { DateRange } from '../../../../../shared/reports/scope';
import type { ReportData } from '../../../../../shared/reports/types';

export function createReportStore(ctx: RepoContext) {
  void ctx;
  return {
    /** Everything the reports need for `range` (entries dated in it plus all not yet invoiced), as of `today`. */
    async read(range: DateRange, today: string): Promise<ReportData> {
      void range;
      return { currency: 'USD', today, weekStartsOn: 1, utilizationTargetPercent: 75, clients: [], projects: [], tasks: [], people: [], entries: [], segments: [], invoices: [], payments: [], otherCurrencyEntries: 0 };
    },
  };
}
