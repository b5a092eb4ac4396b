// Time entries as the reports count them: raw and billed time (shared/rounding/billed, the rule
// every screen and QuickBooks use), the rate in force (shared/rates resolveRate over the same rate
// records sync and the budgets read) and the money that makes, and the share of a live invoice.
import type { ReportEntry } from '../../../../../shared/reports/types';
import { multiplyRate } from '../../../../../shared/money/multiply';
import { resolveRate, type RateRecord, type ResolvedRate } from '../../../../../shared/rates/resolve';
import { billedTimes } from '../../../../../shared/rounding/billed';
import type { RoundingPolicy } from '../../../../../shared/rounding/policy';
import type { EntryRow, ProjectRow } from '../../../db/schema';
import type { InvoiceShare } from './invoices';
import { personOf } from './people';

export interface EntryInputs {
  currency: string;
  rounding: RoundingPolicy;
  projects: readonly ProjectRow[];
  rates: readonly RateRecord[];
  shares: ReadonlyMap<string, InvoiceShare>;
}

/**
 * resolveRate, asked once per task, project and "rate period": between two consecutive effective
 * dates of any rate record every comparison resolveRate makes with a day comes out the same, so
 * any day of the period gets the same answer (the day resolveRate works out from start and zone is
 * the row's localDate). A year of 100,000 entries then asks it a few hundred times, not 100,000.
 */
function rateLookup(rates: readonly RateRecord[]) {
  const starts = [...new Set(rates.map((r) => r.effectiveFrom))].sort();
  const periodOf = (day: string) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const known = new Map<string, ResolvedRate | null>();
  return (e: EntryRow, clientId: string | null): ResolvedRate | null => {
    const key = `${e.taskId}\u0000${e.projectId}\u0000${periodOf(e.localDate)}`;
    let rate = known.get(key);
    if (rate === undefined) known.set(key, (rate = resolveRate({ taskId: e.taskId, projectId: e.projectId, clientId, start: e.start, zone: e.zone }, rates)));
    return rate;
  };
}

/**
 * `entries` as the reports see them. `wholeDays` holds them and every other entry of their days, so a
 * per-project-day rounding shares each day among all of its entries. Billable: the entry's flag and
 * its project's (time without a project bills as the entry says). `otherCurrencyEntries`: billable
 * entries left out of money because their rate is not in the home currency.
 */
export function reportEntries(entries: readonly EntryRow[], wholeDays: readonly EntryRow[], inputs: EntryInputs): { entries: ReportEntry[]; otherCurrencyEntries: number } {
  const projects = new Map(inputs.projects.map((p) => [p.id, p]));
  const spans = wholeDays.map((e) => ({ id: e.id, projectId: e.projectId, start: e.start, end: e.end!, zone: e.zone }));
  const billed = billedTimes(spans, (id) => projects.get(id), inputs.rounding);
  const rateOf = rateLookup(inputs.rates);
  let otherCurrencyEntries = 0;
  const money = (rate: number | null, ms: number, billable: boolean) => (billable && rate !== null ? multiplyRate(rate, ms, inputs.currency).amountMinor : 0);
  const out = entries.map((e): ReportEntry => {
    const project = e.projectId === null ? undefined : projects.get(e.projectId);
    const clientId = project?.clientId ?? null;
    const billable = e.billable && (project?.billable ?? true);
    const rawMs = e.end! - e.start;
    const billedMs = billed.get(e.id)?.billedMs ?? rawMs;
    const rate = rateOf(e, clientId);
    const homeRate = rate && rate.currency === inputs.currency ? rate.rateMinor : null;
    if (billable && rate && homeRate === null) otherCurrencyEntries++;
    const share = inputs.shares.get(e.id);
    return {
      id: e.id,
      localDate: e.localDate,
      personId: personOf(e),
      clientId,
      projectId: e.projectId,
      taskId: e.taskId,
      status: e.status,
      billable,
      rawMs,
      billedMs,
      rateMinor: homeRate,
      valueMinor: money(homeRate, billedMs, billable),
      rawValueMinor: money(homeRate, rawMs, billable),
      invoiceId: share?.invoiceId ?? null,
      invoicedMinor: share?.amountMinor ?? null,
    };
  });
  return { entries: out, otherCurrencyEntries };
}
