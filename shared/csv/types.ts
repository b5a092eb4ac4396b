// What reading another tracker's CSV produces: the rows to review before saving, and what the
// person importing must decide (the date reading when day and month are ambiguous, whose rows).
import type { DateFormat } from './fields';
import type { ColumnMapping, KnownFormat } from './formats';

/** A source row's money as the file states it, in the file's currency's minor units. */
export interface ImportedMoney {
  /** ISO 4217 code; null when the file does not say (the workspace currency applies). */
  currency: string | null;
  rateMinor: number | null;
  amountMinor: number | null;
  costRateMinor: number | null;
}

export interface ImportedRow {
  line: number;
  /**
   * The row's identity (local date, clock times or the stacked day, duration, person, client,
   * project, description, and which repeat of an identical row it is), hashed: the same row
   * gives the same key whatever columns were added or removed since.
   */
  importKey: string;
  start: number;
  /** Equal to start for a zero-length row (see ImportPreview.zeroLength). */
  end: number;
  zone: string;
  person: string | null;
  client: string | null;
  project: string | null;
  task: string | null;
  description: string;
  /** null when the file does not say or says something unreadable (a warning names it). */
  billable: boolean | null;
  tags: string[];
  money: ImportedMoney;
  /**
   * The row's status in the source: 'invoiced' rows are imported as invoiced and never sent to
   * QuickBooks; 'approved' rows are imported as drafts that remember it. Our own export also
   * carries 'synced' and 'paid', read back as invoiced (billed elsewhere) when not in this workspace.
   */
  sourceStatus: 'invoiced' | 'approved' | null;
  /** True when the file had no clock times and the start was placed by the layout rule. */
  startAssumed: boolean;
}

export interface ImportProblem {
  line: number;
  reason: string;
}

/** A value read as nothing (the row is still imported): "Billable "vielleicht" is not a yes or no". */
export interface ImportWarning extends ImportProblem {
  field: keyof ColumnMapping;
}

export interface AmbiguousDates {
  /** The two readings, the one in use first. */
  formats: [DateFormat, DateFormat];
  /** A few of the file's dates with what each reading makes of them. */
  samples: { raw: string; readings: [string, string] }[];
}

export interface PersonSummary {
  name: string;
  rows: number;
  ms: number;
}

export interface ImportPreview {
  format: KnownFormat | 'generic';
  /** The reading used for every date in the file. */
  dateFormat: DateFormat | null;
  /** Set when every day in the file is 12 or lower: the preview asks which reading is right. */
  ambiguousDates: AmbiguousDates | null;
  separator: ',' | ';' | '\t';
  /** Everyone with rows in the file, most rows first; empty when the file names no one. */
  people: PersonSummary[];
  /** 'clock': the file's own times; 'stacked': no clock times, laid out per person and day (layoutNote says how). */
  layout: 'clock' | 'stacked';
  layoutNote: string | null;
  /** Readable rows of every person with a duration; filter by person before importing. */
  rows: ImportedRow[];
  /** Readable rows lasting 0:00: imported only if the person importing chooses to. */
  zeroLength: ImportedRow[];
  errors: ImportProblem[];
  warnings: ImportWarning[];
}
