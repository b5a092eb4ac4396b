// Timesheet export for accountants and clients: one row per finished entry with both the raw
// and the rounded duration, and the rule that made them differ, so anyone can see what rounding added.
import { isLive, type TimeEntry } from '../entries/entry';
import { describeBilledRule, type BilledTime } from '../rounding/billed';
import { formatDuration } from '../time/duration';
import { localDate, localTime } from '../time/zone';
import { writeCsv } from './write';

export interface ExportLookups {
  projectName: (projectId: string) => string | undefined;
  clientName: (projectId: string) => string | undefined;
  taskName: (taskId: string) => string | undefined;
}

const EXPORT_HEADERS = [
  'Date', 'Start time', 'End time', 'Time zone', 'Client', 'Project', 'Task', 'Description', 'Billable', 'Status',
  'Duration (raw)', 'Duration (rounded)', 'Hours (raw)', 'Hours (rounded)', 'Rounding',
] as const;

/**
 * CSV of finished, non-deleted entries in start order. Dates and times are local to each entry's
 * own zone. `billed` gives an entry's billed time (shared/rounding/billed); the Rounding column
 * names the rule where it differs from the raw time. Decimal hours have two places, rounded
 * half-up from exact ms.
 */
export function exportEntriesCsv(
  entries: readonly TimeEntry[],
  lookups: ExportLookups,
  billed: (entry: TimeEntry & { end: number }) => BilledTime,
): string {
  const rows = entries
    .filter((e): e is TimeEntry & { end: number } => e.end !== null && isLive(e))
    .sort((a, b) => a.start - b.start)
    .map((e) => {
      const raw = e.end - e.start;
      const time = billed(e);
      const rounded = time.billedMs;
      return [
        localDate(e.start, e.zone),
        localTime(e.start, e.zone),
        localTime(e.end, e.zone),
        e.zone,
        (e.projectId && lookups.clientName(e.projectId)) ?? '',
        (e.projectId && lookups.projectName(e.projectId)) ?? '',
        (e.taskId && lookups.taskName(e.taskId)) ?? '',
        e.description,
        e.billable ? 'Yes' : 'No',
        e.status,
        formatDuration(raw),
        formatDuration(rounded),
        decimalHours(raw),
        decimalHours(rounded),
        rounded === raw ? '' : describeBilledRule(time),
      ];
    });
  return writeCsv([[...EXPORT_HEADERS], ...rows]);
}

/** ms → "1.50", half-up on the hundredth, with integer maths. */
function decimalHours(ms: number): string {
  const hundredths = Math.floor((ms * 100 + 1_800_000) / 3_600_000);
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}
