// The first look at a chosen file: its headers, which tracker wrote it, and for any other CSV a
// first guess at the column mapping and the date formats its dates could be in.
import { detectDateFormats, type DateFormat } from '../../../../shared/csv/fields';
import { detectFormat, type ColumnMapping, type KnownFormat } from '../../../../shared/csv/formats';
import { parseCsv, type CsvRecord } from '../../../../shared/csv/parse';

export const FORMAT_LABELS: Record<KnownFormat, string> = { toggl: 'Toggl Track', clockify: 'Clockify', harvest: 'Harvest', tracknexus: 'Track Nexus' };

export type Sniff =
  | { ok: true; headers: string[]; format: KnownFormat | null }
  | { ok: false; line: number; error: string };

/** Reads only the header record, so recognising a large file costs nothing. */
export function sniff(text: string): Sniff {
  const end = text.search(/\r?\n/);
  const parsed = parseCsv(end === -1 ? text : text.slice(0, end));
  if (!parsed.ok) return parsed;
  const header = parsed.records[0];
  if (!header || header.cells.every((c) => c.trim() === '')) return { ok: false, line: 1, error: 'The file is empty.' };
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
