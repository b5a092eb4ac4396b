// The first look at a chosen file: its headers, which tracker wrote it, and for any other CSV a
// first guess at the column mapping and the date formats its dates could be in.
import { detectDateFormats, type DateFormat } from '../../../../shared/csv/fields';
import { detectFormat, type ColumnMapping, type KnownFormat } from '../../../../shared/csv/formats';
import { parseCsv, type CsvRecord } from '../../../../shared/csv/parse';

export const FORMAT_LABELS: Record<KnownFormat, string> = { toggl: 'Toggl Track', clockify: 'Clockify', harvest: 'Harvest', tracknexus: 'Track Nexus' };

export type Sniff =
  | { ok: true; headers: string[]; format: KnownFormat | null }
  /** `line` null: the problem is the whole file's, not one line's. */
  | { ok: false; line: number | null; error: string };

/**
 * The largest file read at all: reading one holds its text, its records and its rows in memory at
 * once (a million-row file took Chromium past 5 GB). 100,000 rows of a Toggl export is about 15 MB.
 */
const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** The most rows a file may have; counted as lines, so a file with line breaks inside its cells has fewer. */
const MAX_FILE_ROWS = 200_000;

const SPLIT_IT = 'Split it (for example by year) and import the parts one after another: rows imported before are skipped.';
const mb = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024)).toLocaleString('en-US')} MB`;

/** Refuses a file too large to read, before reading it. */
export function sizeProblem(bytes: number): string | null {
  if (bytes <= MAX_FILE_BYTES) return null;
  return `This file is ${mb(bytes)}; Track Nexus imports files of up to ${mb(MAX_FILE_BYTES)} at a time. ${SPLIT_IT}`;
}

/** Refuses a file with more rows than an import holds, by counting its line breaks (no parsing). */
function rowsProblem(text: string): string | null {
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    if (++lines > MAX_FILE_ROWS + 1) {
      return `This file has more than ${MAX_FILE_ROWS.toLocaleString('en-US')} rows; Track Nexus imports up to that many at a time. ${SPLIT_IT}`;
    }
  }
  return null;
}

/** A file that is not text at all: a workbook, a PDF, an image. Text decoded from bytes that are not UTF-8 shows U+FFFD. */
function binaryProblem(text: string): string | null {
  const head = text.slice(0, 8192);
  if (head.startsWith('PK\u0003\u0004')) return 'This is a spreadsheet workbook (.xlsx or .ods), not a CSV file. Open it in your spreadsheet app, save it as CSV, and choose that file.';
  const unreadable = (head.match(/[\u0000\ufffd]/g) ?? []).length;
  if (head.includes('\u0000') || unreadable > head.length / 10) return 'This is not a text file (it looks like a PDF, an image or another binary file). Choose the CSV export of your tracker.';
  return null;
}

/** Reads only the header record, so recognising a large file costs nothing; refuses what cannot be a CSV to import. */
export function sniff(text: string): Sniff {
  const whole = binaryProblem(text) ?? rowsProblem(text);
  if (whole) return { ok: false, line: null, error: whole };
  const end = text.search(/\r?\n/);
  const parsed = parseCsv(end === -1 ? text : text.slice(0, end));
  if (!parsed.ok) return parsed;
  const header = parsed.records[0];
  if (text.trim() === '') return { ok: false, line: null, error: 'The file is empty.' };
  if (!header || header.cells.every((c) => c.trim() === '')) {
    return { ok: false, line: 1, error: 'The first line has no column names, only separators or spaces. A CSV export starts with a line naming its columns (Date, Project, Duration…).' };
  }
  const headers = header.cells.map((c) => c.trim());
  return { ok: true, headers, format: detectFormat(headers) };
}

export const MAPPABLE: { key: keyof ColumnMapping; label: string; hint?: string }[] = [
  { key: 'date', label: 'Date' },
  { key: 'startTime', label: 'Start time' },
  { key: 'start', label: 'Start (date and time)', hint: 'Instead of Date + Start time' },
  { key: 'endDate', label: 'End date', hint: 'Only for work past midnight' },
  { key: 'endTime', label: 'End time' },
  { key: 'end', label: 'End (date and time)' },
  { key: 'duration', label: 'Duration', hint: 'Hours like 1.5 or h:mm' },
  { key: 'project', label: 'Project' },
  { key: 'client', label: 'Client' },
  { key: 'task', label: 'Task' },
  { key: 'description', label: 'Description' },
  { key: 'billable', label: 'Billable', hint: 'Yes/No' },
  { key: 'tags', label: 'Tags' },
  { key: 'person', label: 'Person', hint: 'Whose time it is' },
  { key: 'lastName', label: 'Last name', hint: 'Joined to Person' },
  { key: 'rate', label: 'Billable rate' },
  { key: 'amount', label: 'Billable amount' },
  { key: 'costRate', label: 'Cost rate' },
  { key: 'currency', label: 'Currency', hint: 'USD, EUR…' },
  { key: 'invoiced', label: 'Invoiced', hint: 'Yes/No' },
  { key: 'approved', label: 'Approved', hint: 'Yes/No' },
  { key: 'status', label: 'Status', hint: 'Track Nexus exports' },
  { key: 'zone', label: 'Time zone', hint: 'IANA name, e.g. Europe/Berlin' },
];

/** The whole file's records (for date sampling of a generic file), or the parser's error. */
export function readRecords(text: string): { ok: true; headers: string[]; records: CsvRecord[] } | { ok: false; line: number; error: string } {
  const parsed = parseCsv(text);
  if (!parsed.ok) return parsed;
  const [header, ...records] = parsed.records;
  return { ok: true, headers: (header?.cells ?? []).map((c) => c.trim()), records };
}

/** Date formats every value of the date (or start) column can be read in; the user picks if several. */
export function dateFormatsFor(headers: readonly string[], records: readonly CsvRecord[], mapping: ColumnMapping): DateFormat[] {
  const column = mapping.date ?? mapping.start;
  if (!column) return [];
  const index = headers.indexOf(column);
  if (index === -1) return [];
  const samples = records.slice(0, 500).map((r) => (r.cells[index] ?? '').trim().split(/[T ]/)[0] ?? '');
  return detectDateFormats(samples);
}
