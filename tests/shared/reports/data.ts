// Builders of report input for the report tests: a ReportData with sensible empties, and entries whose
// money (value at rate, raw value) is worked out the way the store does it.
import { multiplyRate } from '../../../shared/money/multiply';
import type { ReportData, ReportEntry, ReportScope } from '../../../shared/reports/types';

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export function reportData(over: Partial<ReportData> = {}): ReportData {
  return {
    currency: 'USD',
    today: '2026-12-04',
    weekStartsOn: 1,
    utilizationTargetPercent: 75,
    clients: [],
    projects: [],
    tasks: [],
    people: [],
    entries: [],
    segments: [],
    invoices: [],
    payments: [],
    otherCurrencyEntries: 0,
    ...over,
  };
}

type EntryInput = Pick<ReportEntry, 'id' | 'localDate' | 'personId' | 'rawMs'> & Partial<ReportEntry>;

/** An entry; billable with a rate, its value is billedMs × rate and its raw value rawMs × rate. */
export function entry(input: EntryInput): ReportEntry {
  const billable = input.billable ?? true;
  const rateMinor = input.rateMinor ?? null;
  const billedMs = input.billedMs ?? input.rawMs;
  const at = (ms: number) => (billable && rateMinor !== null ? multiplyRate(rateMinor, ms, 'USD').amountMinor : 0);
  return {
    clientId: null,
    projectId: null,
    taskId: null,
    status: 'approved',
    invoiceId: null,
    invoicedMinor: null,
    ...input,
    billable,
    rateMinor,
    billedMs,
    valueMinor: at(billedMs),
    rawValueMinor: at(input.rawMs),
  };
}

export function scope(from: string, to: string, filters: Partial<Pick<ReportScope, 'clientIds' | 'projectIds'>> = {}): ReportScope {
  return { from, to, clientIds: [], projectIds: [], ...filters };
}
