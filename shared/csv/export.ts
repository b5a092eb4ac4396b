// Timesheet export for accountants and clients: one row per finished entry with both the raw
// and the rounded duration, and the rule that made them differ, so anyone can see what rounding added.
// It also holds everything needed to import it back unchanged: end date, seconds, zone, tags,
// person, money and status.
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { isLive, type TimeEntry } from '../entries/entry';
import { minorToDecimalString } from '../money/money';
import { multiplyRate } from '../money/multiply';
import { describeBilledRule, type BilledTime } from '../rounding/billed';
import { formatDuration } from '../time/duration';
import { localDate } from '../time/zone';
import { writeCsv } from './write';

export interface ExportLookups {
  projectName: (projectId: string) => string | undefined;
  clientName: (projectId: string) => string | undefined;
  taskName: (taskId: string) => string | undefined;
  /** The hourly rate the entry is billed at (shared/rates resolveRate), or null when none applies. */
  rate: (entry: TimeEntry) => { rateMinor: number; currency: string } | null;
  /** Whether the entry's time is billed: its own flag and its project's, as QuickBooks gets it. */
  billsTime: (entry: TimeEntry) => boolean;
  /** The workspace currency, for imported money whose file named none. */
  currency: string;
}

/** Our own file's header row, in order. The importer recognises our exports by it: keep the names. */
export const EXPORT_HEADERS = [
  'Date', 'Start time', 'End date', 'End time', 'Time zone', 'Person', 'Client', 'Project', 'Task', 'Description', 'Tags',
  'Billable', 'Status', 'Rate', 'Amount', 'Currency',
  'Duration (raw)', 'Duration (rounded)', 'Hours (raw)', 'Hours (rounded)', 'Rounding', 'Start (UTC)', 'End (UTC)',
] as const;

type Finished = TimeEntry & { end: number };

/**
 * CSV of finished, non-deleted entries in start order. Dates and times (HH:mm:ss, 24-hour) are
 * local to each entry's own zone. `billed` gives an entry's billed time (shared/rounding/billed);
 * the Rounding column names the rule where it differs from the raw time. Decimal hours have two
 * places, rounded half-up from exact ms. Money is written as exact decimals in its currency.
 */
export function exportEntriesCsv(
  entries: readonly TimeEntry[],
  lookups: ExportLookups,
  billed: (entry: Finished) => BilledTime,
): string {
  const rows = entries
    .filter((e): e is Finished => e.end !== null && isLive(e))
    .sort((a, b) => a.start - b.start)
    .map((e) => {
      const raw = e.end - e.start;
      const time = billed(e);
      const rounded = time.billedMs;
      return [
        localDate(e.start, e.zone),
        localClock(e.start, e.zone),
        localDate(e.end, e.zone),
        localClock(e.end, e.zone),
        e.zone,
        e.imported?.person ?? '',
        (e.projectId && lookups.clientName(e.projectId)) ?? '',
        (e.projectId && lookups.projectName(e.projectId)) ?? '',
        (e.taskId && lookups.taskName(e.taskId)) ?? '',
        e.description,
        (e.tags ?? []).join(', '),
        e.billable ? 'Yes' : 'No',
        e.status,
        ...moneyCells(e, rounded, lookups),
        formatDuration(raw),
        formatDuration(rounded),
        decimalHours(raw),
        decimalHours(rounded),
        rounded === raw ? '' : describeBilledRule(time),
        // The exact instants: a re-import gives back the same milliseconds, and the right one of
        // the two 01:30s on the night the clocks go back.
        new Date(e.start).toISOString(),
        new Date(e.end).toISOString(),
      ];
    });
  return writeCsv([[...EXPORT_HEADERS], ...rows]);
}

/**
 * Rate, Amount, Currency. An imported entry keeps the money its file stated; otherwise the resolved
 * rate, and rate × billed time (0 when the time is not billed). Empty when no rate is known.
 */
function moneyCells(e: TimeEntry, billedMs: number, lookups: ExportLookups): [string, string, string] {
  const imported = e.imported;
  if (imported && (imported.rateMinor !== null || imported.amountMinor !== null)) {
    const currency = imported.currency ?? lookups.currency;
    const cell = (minor: number | null) => (minor === null ? '' : minorToDecimalString(minor, currency));
    return [cell(imported.rateMinor), cell(imported.amountMinor), currency];
  }
  const rate = lookups.rate(e);
  if (!rate) return ['', '', ''];
  const amount = lookups.billsTime(e) ? multiplyRate(rate.rateMinor, billedMs, rate.currency).amountMinor : 0;
  return [minorToDecimalString(rate.rateMinor, rate.currency), minorToDecimalString(amount, rate.currency), rate.currency];
}

/** Wall-clock 'HH:mm:ss' of an instant in the zone (checked by localDate first): seconds keep a sub-minute entry sub-minute. */
const localClock = (ms: number, zone: string) => format(new TZDate(ms, zone), 'HH:mm:ss');

/** ms → "1.50", half-up on the hundredth, with integer maths. */
function decimalHours(ms: number): string {
  const hundredths = Math.floor((ms * 100 + 1_800_000) / 3_600_000);
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}
