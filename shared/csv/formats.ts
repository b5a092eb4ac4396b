// The detailed-report CSV exports of the trackers people switch from, described as column
// mappings onto our generic importer. Header names are the ones those products write.
import type { DateFormat } from './fields';

export type KnownFormat = 'toggl' | 'clockify' | 'harvest';

/** Which source column holds each piece of an entry. Leave out what the file does not have. */
export interface ColumnMapping {
  /** Full date and time of the start, e.g. "2024-03-05 09:00" or ISO with offset. */
  start?: string;
  end?: string;
  date?: string;
  /** Date the entry ends, when it differs from `date` (overnight work). */
  endDate?: string;
  startTime?: string;
  endTime?: string;
  /** Decimal hours, h:mm or h:mm:ss. */
  duration?: string;
  project?: string;
  client?: string;
  task?: string;
  description?: string;
  billable?: string;
  /** Comma-separated tags. */
  tags?: string;
}

interface FormatSpec {
  /** Headers that must all be present to recognise the format (case-sensitive: Toggl writes "Start date", Clockify "Start Date"). */
  signature: readonly string[];
  columns: ColumnMapping;
  /** Date formats to try, most likely first; the first that reads every date in the file is used. */
  dateFormats: readonly DateFormat[];
}

export const FORMATS: Record<KnownFormat, FormatSpec> = {
  // Toggl Track: User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (USD)
  toggl: {
    signature: ['User', 'Email', 'Client', 'Project', 'Task', 'Description', 'Billable', 'Start date', 'Start time', 'End date', 'End time', 'Duration', 'Tags'],
    columns: {
      date: 'Start date', startTime: 'Start time', endDate: 'End date', endTime: 'End time',
      project: 'Project', client: 'Client', task: 'Task', description: 'Description', billable: 'Billable', tags: 'Tags',
    },
    dateFormats: ['YYYY-MM-DD', 'MM/DD/YYYY', 'DD/MM/YYYY', 'DD.MM.YYYY'],
  },
  // Clockify detailed report. Dates follow the workspace setting; its default is MM/DD/YYYY.
  clockify: {
    signature: ['Project', 'Client', 'Description', 'Task', 'User', 'Email', 'Tags', 'Billable', 'Start Date', 'Start Time', 'End Date', 'End Time', 'Duration (h)', 'Duration (decimal)'],
    columns: {
      date: 'Start Date', startTime: 'Start Time', endDate: 'End Date', endTime: 'End Time',
      project: 'Project', client: 'Client', task: 'Task', description: 'Description', billable: 'Billable', tags: 'Tags',
    },
    dateFormats: ['MM/DD/YYYY', 'DD/MM/YYYY', 'DD.MM.YYYY', 'YYYY-MM-DD'],
  },
  // Harvest detailed time report: a date and hours, no clock times. Entries are placed from 09:00
  // local, stacked in file order (see previewImport).
  harvest: {
    signature: ['Date', 'Client', 'Project', 'Task', 'Notes', 'Hours', 'Billable?'],
    columns: { date: 'Date', duration: 'Hours', project: 'Project', client: 'Client', task: 'Task', description: 'Notes', billable: 'Billable?' },
    dateFormats: ['YYYY-MM-DD', 'MM/DD/YYYY', 'DD/MM/YYYY', 'DD.MM.YYYY'],
  },
};

/** The tracker that wrote a file with these headers, or null for anything else (use a generic mapping). */
export function detectFormat(headers: readonly string[]): KnownFormat | null {
  const present = new Set(headers.map((h) => h.trim()));
  const match = (Object.keys(FORMATS) as KnownFormat[]).find((f) => FORMATS[f].signature.every((h) => present.has(h)));
  return match ?? null;
}
