// Everything the reports read, in one ReportData: the entries of a period plus all time not
// invoiced yet, the invoices and payments, recent unreviewed activity, the catalogue, the people
// and the settings. The rows come from one read-only transaction (read-rows.ts); the money is the
// app's own rules (rounding, rate resolution, the invoices' shares), never a second copy of them.
import type { DateRange } from '../../../../../shared/reports/scope';
import type { ReportData, ReportSegment } from '../../../../../shared/reports/types';
import { multiplyRate } from '../../../../../shared/money/multiply';
import { resolveRate, type RateRecord } from '../../../../../shared/rates/resolve';
import type { LocalDate } from '../../../../../shared/time/local-date';
import { currentZone } from '../../../../../shared/time/zone';
import type { RepoContext } from '../../../db/context';
import type { ProjectRow, SegmentRow } from '../../../db/schema';
import { rateRecords } from '../../quickbooks/store/sync-context';
import { reportEntries } from './entries';
import { reportInvoices, reportPayments } from './invoices';
import { personOf, reportPeople } from './people';
import { readRows } from './read-rows';

/**
 * Unreviewed activity valued at the rate of the project the matcher suggests (its rate on the
 * segment's day, in the home currency); 0 without a suggestion or such a rate.
 */
function reportSegments(rows: readonly SegmentRow[], projects: ReadonlyMap<string, ProjectRow>, rates: readonly RateRecord[], currency: string, zone: string): ReportSegment[] {
  return rows.map((s) => {
    const project = s.suggestedProjectId === null ? undefined : projects.get(s.suggestedProjectId);
    const ms = Math.max(0, s.end - s.start);
    const rate = project ? resolveRate({ taskId: null, projectId: project.id, clientId: project.clientId, start: s.start, zone }, rates) : null;
    const valueMinor = rate && rate.currency === currency ? multiplyRate(rate.rateMinor, ms, currency).amountMinor : 0;
    return { id: s.id, localDate: s.localDate, ms, projectId: project?.id ?? null, valueMinor };
  });
}

export function createReportStore(ctx: RepoContext) {
  return {
    /** Everything the reports need for `range` (entries dated in it plus all not yet invoiced), as of `today`. */
    async read(range: DateRange, today: LocalDate): Promise<ReportData> {
      const rows = await readRows(ctx, range, today);
      const { currency, rounding, weekStartsOn, reportPeople: saved, utilizationTargetPercent } = rows.settings;
      const zone = currentZone();
      const rates = rateRecords(rows.rateCards, rows.projects);
      const { invoices, shares } = reportInvoices(rows.invoices, currency, zone);
      const { entries, otherCurrencyEntries } = reportEntries(rows.entries, rows.wholeDays, { currency, rounding, projects: rows.projects, rates, shares });
      const projectById = new Map(rows.projects.map((p) => [p.id, p]));
      return {
        currency,
        today,
        weekStartsOn,
        utilizationTargetPercent,
        clients: rows.clients.map((c) => ({ id: c.id, name: c.name })),
        projects: rows.projects.map((p) => ({ id: p.id, name: p.name, clientId: p.clientId, arrangement: !p.billing || p.billing.kind === 'hourly' ? null : p.billing })),
        tasks: rows.tasks.map((t) => ({ id: t.id, projectId: t.projectId, name: t.name })),
        people: reportPeople(saved, new Set(entries.map((e) => e.personId))),
        entries,
        segments: reportSegments(rows.segments, projectById, rates, currency, zone),
        segmentsFrom: rows.segmentsFrom,
        invoices,
        payments: reportPayments(rows.payments, rows.invoices, currency),
        otherCurrencyEntries,
      };
    },

    /**
     * The people named in imported time, read once through the import key index (only imported
     * entries carry one), for the People settings.
     */
    async importedPeople(): Promise<string[]> {
      const seen = new Set<string>();
      await ctx.db.entries.where('importKey').above('').each((e) => {
        if (e.deletedAt == null && e.imported?.person) seen.add(personOf(e));
      });
      return [...seen];
    },
  };
}
