// The CSV exports of the trackers people switch from (and our own), described as column mappings
// onto one importer. Header names are the English ones those products write; localised headers
// are translated to these first (words.ts). Each field lists the headers it may come under,
// because the products renamed columns over the years (Toggl's "User" became "Member").
import type { DateFormat } from './fields';
import { canonicalHeader } from './words';

export type KnownFormat = 'toggl' | 'clockify' | 'harvest' | 'tracknexus';

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
  /** Whose time it is (a user or member name, or Harvest's first name). */
  person?: string;
  /** Harvest's "Last Name", joined to `person`. */
  lastName?: string;
  rate?: string;
  amount?: string;
  costRate?: string;
  /** A column naming the currency ("USD", "US Dollar - USD"). */
  currency?: string;
  invoiced?: string;
  approved?: string;
  /** Our own export's status column (draft, approved, synced, invoiced, paid). */
  status?: string;
  /** Our own export's IANA zone column. */
  zone?: string;
}

/** A header name, or a pattern whose first group is the currency code ("Amount (EUR)"). */
type Candidate = string | RegExp;

interface FormatSpec {
  /** Headers that must all be present to recognise the format (case-sensitive: Toggl writes "Start date", Clockify "Start Date"). */
  signature: readonly string[];
  /** For each field, the headers it may be under, preferred first. */
  columns: { readonly [K in keyof ColumnMapping]?: readonly Candidate[] };
  /** Date formats to try, most likely first; the first that reads every date in the file is used. */
  dateFormats: readonly DateFormat[];
}

const WORLD_DATES: readonly DateFormat[] = ['YYYY-MM-DD', 'MM/DD/YYYY', 'DD/MM/YYYY', 'DD.MM.YYYY', 'YYYY/MM/DD', 'DD-MM-YYYY', 'MM-DD-YYYY'];

/** Checked in this order: our own export first, since it shares column names with the others. */
export const FORMATS: Record<KnownFormat, FormatSpec> = {
  tracknexus: {
    signature: ['Date', 'Start time', 'End date', 'End time', 'Time zone', 'Duration (raw)'],
    columns: {
      // Files since issue 12 also hold the exact instants, which win over the wall-clock columns.
      start: ['Start (UTC)'], end: ['End (UTC)'],
      date: ['Date'], startTime: ['Start time'], endDate: ['End date'], endTime: ['End time'], zone: ['Time zone'],
      person: ['Person'], client: ['Client'], project: ['Project'], task: ['Task'], description: ['Description'], tags: ['Tags'],
      billable: ['Billable'], status: ['Status'], rate: ['Rate'], amount: ['Amount'], currency: ['Currency'],
    },
    dateFormats: ['YYYY-MM-DD'],
  },
  // Toggl Track detailed report. Older files: User,Email,Client,Project,Task,Description,Billable,
  // Start date,Start time,End date,End time,Duration,Tags,Amount (USD); newer ones say Member.
  toggl: {
    signature: ['Description', 'Start date', 'Start time', 'End date', 'End time', 'Duration'],
    columns: {
      date: ['Start date'], startTime: ['Start time'], endDate: ['End date'], endTime: ['End time'], duration: ['Duration'],
      person: ['User', 'Member'], project: ['Project'], client: ['Client'], task: ['Task'], description: ['Description'],
      billable: ['Billable'], tags: ['Tags'],
      amount: [/^Amount \(([A-Z]{3})\)$/, /^Billable amount \(([A-Z]{3})\)$/i, 'Amount'],
      rate: [/^Rate \(([A-Z]{3})\)$/, /^Billable rate \(([A-Z]{3})\)$/i, 'Billable rate', 'Rate'],
      invoiced: ['Invoiced'],
    },
    dateFormats: WORLD_DATES,
  },
  // Clockify detailed report. Dates follow the workspace setting; its default is MM/DD/YYYY.
  clockify: {
    signature: ['Description', 'Start Date', 'Start Time', 'End Date', 'End Time'],
    columns: {
      date: ['Start Date'], startTime: ['Start Time'], endDate: ['End Date'], endTime: ['End Time'],
      duration: ['Duration (h)', 'Duration (decimal)', 'Duration'],
      person: ['User'], project: ['Project'], client: ['Client'], task: ['Task'], description: ['Description'],
      billable: ['Billable'], tags: ['Tags'],
      rate: [/^Billable Rate \(([A-Z]{3})\)$/, 'Billable Rate'],
      amount: [/^Billable Amount \(([A-Z]{3})\)$/, 'Billable Amount', /^Amount \(([A-Z]{3})\)$/],
      costRate: [/^Cost Rate \(([A-Z]{3})\)$/, 'Cost Rate'],
      invoiced: ['Invoiced', 'Invoiced?'],
      approved: ['Approved', 'Approval Status'],
    },
    dateFormats: ['MM/DD/YYYY', ...WORLD_DATES.filter((f) => f !== 'MM/DD/YYYY')],
  },
  // Harvest detailed time report: a date and hours, no clock times (see the stacked layout in import.ts).
  harvest: {
    // Older and trimmed-down reports leave out Notes and Task; "Billable?" with its question mark is Harvest's own.
    signature: ['Date', 'Project', 'Hours', 'Billable?'],
    columns: {
      date: ['Date'], duration: ['Hours'], project: ['Project'], client: ['Client'], task: ['Task'], description: ['Notes'],
      billable: ['Billable?', 'Billable'], invoiced: ['Invoiced?', 'Invoiced'], approved: ['Approved?', 'Approved'],
      person: ['First Name', 'First name'], lastName: ['Last Name', 'Last name'],
      rate: ['Billable Rate'], amount: ['Billable Amount'], costRate: ['Cost Rate'], currency: ['Currency'],
    },
    dateFormats: WORLD_DATES,
  },
};

/** The tracker that wrote a file with these headers (in any language it exports in), or null for anything else (use a generic mapping). */
export function detectFormat(headers: readonly string[]): KnownFormat | null {
  const present = new Set(headers.map(canonicalHeader));
  const match = (Object.keys(FORMATS) as KnownFormat[]).find((f) => FORMATS[f].signature.every((h) => present.has(h)));
  return match ?? null;
}

/** A known format's columns as this file names them, and the currency its headers state, if any. */
export function columnsOf(format: KnownFormat, headers: readonly string[]): { columns: ColumnMapping; currency: string | null } {
  const columns: ColumnMapping = {};
  let currency: string | null = null;
  for (const [field, candidates] of Object.entries(FORMATS[format].columns) as [keyof ColumnMapping, readonly Candidate[]][]) {
    for (const candidate of candidates) {
      const header = headers.find((h) => (typeof candidate === 'string' ? h === candidate : candidate.test(h)));
      if (header === undefined) continue;
      columns[field] = header;
      if (typeof candidate !== 'string') currency ??= candidate.exec(header)?.[1]?.toUpperCase() ?? null;
      break;
    }
  }
  return { columns, currency };
}
