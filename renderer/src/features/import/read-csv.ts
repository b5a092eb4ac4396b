// The first look at a chosen file: its headers, which tracker wrote it, and for any other CSV a
// first guess at the column mapping and the date formats its dates could be in.
import { detectDateFormats, type DateFormat } from '../../../../shared/csv/fields';
import { detectFormat, type ColumnMapping, type KnownFormat } from '../../../../shared/csv/formats';
import { parseCsv, type CsvRecord } from '../../../../shared/csv/parse';

export const FORMAT_LABELS: Record<KnownFormat, string> = { toggl: 'Toggl Track', clockify: 'Clockify', harvest: 'Harvest' };

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
];

const GUESSES: Record<keyof ColumnMapping, RegExp> = {
  date: /^(date|day|start ?date|work ?date)$/i,
  startTime: /^(start ?time|from|time ?in|begin)$/i,
  start: /^(start|started|start ?at|start ?datetime)$/i,
  endDate: /^(end ?date)$/i,
  endTime: /^(end ?time|to|time ?out|until)$/i,
  end: /^(end|ended|end ?at|stop|end ?datetime)$/i,
  duration: /^(duration|hours|time|hrs|duration \(h\)|duration \(decimal\)|time spent)$/i,
  project: /^(project|project ?name|job)$/i,
  client: /^(client|customer|client ?name|customer ?name)$/i,
  task: /^(task|activity|service|item)$/i,
  description: /^(description|notes?|comment|details|memo|summary)$/i,
  billable: /^(billable\??|is ?billable)$/i,
  tags: /^(tags?|labels?)$/i,
};

/** Headers that look like our fields; the person importing confirms or changes each. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  for (const { key } of MAPPABLE) {
    const found = headers.find((h) => !used.has(h) && GUESSES[key].test(h.trim()));
    if (found) {
      mapping[key] = found;
      used.add(found);
    }
  }
  // A full start column wins over a date + time pair only when there is no date column.
  if (mapping.start && mapping.date) delete mapping.start;
  if (mapping.end && (mapping.endTime || mapping.duration)) delete mapping.end;
  return mapping;
}

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
