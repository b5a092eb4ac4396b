// Turning another tracker's CSV into entries to review before saving. Nothing is written here:
// the caller shows the preview, asks what the file leaves open (the date reading, whose rows,
// zero-length rows), and deduplicates by importKey.
import { isValidZone } from '../time/zone';
import { detectDateFormats, otherReading, parseDateAs, type DateFormat } from './fields';
import { columnsOf, FORMATS, type ColumnMapping, type KnownFormat } from './formats';
import { parseCsv, type CsvRecord } from './parse';
import { finishRows, type ReadRow } from './import-layout';
import { readRow, RowError, type RowContext } from './import-row';
import type { AmbiguousDates, ImportPreview, ImportProblem, ImportWarning } from './types';
import { canonicalHeader } from './words';

export interface GenericMapping {
  columns: ColumnMapping;
  /** Chosen by the user (detectDateFormats lists the candidates): 03/04 cannot be guessed. */
  dateFormat: DateFormat;
}

export interface PreviewOptions {
  /** The zone wall-clock times are read in (our own files carry theirs per row). */
  zone: string;
  /** The reading the person importing chose; otherwise the format's likeliest that reads every date. */
  dateFormat?: DateFormat;
  onProgress?: (done: number, total: number) => void;
}

const PROGRESS_EVERY = 2_000;

/**
 * Reads the file and maps every row it can. Rows that cannot be read are listed with their line
 * number and reason; the others still import. A value that cannot be read (a billable word in an
 * unknown language) leaves its field empty with a warning and never costs the row.
 */
export function previewImport(text: string, source: KnownFormat | GenericMapping, options: PreviewOptions): ImportPreview {
  const format = typeof source === 'string' ? source : 'generic';
  const fail = (line: number, reason: string) => emptyPreview(format, [{ line, reason }]);
  if (!isValidZone(options.zone)) return fail(1, `"${options.zone}" is not a known time zone.`);
  const parsed = parseCsv(text);
  if (!parsed.ok) return fail(parsed.line, parsed.error);
  const [header, ...all] = parsed.records;
  if (!header) return fail(1, 'The file is empty.');
  // A record of separators only (",,,,") is a blank line to a spreadsheet, not a bad row.
  const records = all.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const rawHeaders = header.cells.map((h) => h.trim());
  const headers = typeof source === 'string' ? rawHeaders.map(canonicalHeader) : rawHeaders;
  const { columns, currency } = typeof source === 'string' ? columnsOf(source, headers) : { columns: source.columns, currency: null };
  const wanted = typeof source === 'string' ? FORMATS[source].signature : Object.values(columns).filter((c): c is string => c !== undefined);
  const problem = mappingProblem(columns, wanted.filter((h) => !headers.includes(h)));
  if (problem) return fail(header.line, problem);
  if (records.length === 0) return fail(header.line, NO_ROWS);

  const index = (column: string | undefined) => (column === undefined ? -1 : headers.indexOf(column));
  const dates = chooseDates(records, [index(columns.date ?? columns.start), index(columns.endDate ?? columns.end)], source, options);
  const ctx: RowContext = {
    format, headers, columns, zone: options.zone,
    at: Object.fromEntries(Object.entries(columns).map(([field, column]) => [field, index(column)])), dateFormat: dates.dateFormat, headerCurrency: currency,
    decimalComma: parsed.separator === ';' || usesDecimalComma(records, [index(columns.duration), index(columns.rate), index(columns.amount)]),
  };
  const read: ReadRow[] = [];
  const errors: ImportProblem[] = [];
  const warnings: ImportWarning[] = [];
  records.forEach((record, i) => {
    if (i % PROGRESS_EVERY === 0) options.onProgress?.(i, records.length);
    try {
      read.push(readRow(record, ctx, warnings));
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      errors.push({ line: record.line, reason: error.message });
    }
  });
  options.onProgress?.(records.length, records.length);
  const finished = finishRows(read, options.zone);
  return {
    format, dateFormat: dates.dateFormat, ambiguousDates: dates.ambiguous, separator: parsed.separator,
    people: finished.people, layout: finished.layout, layoutNote: finished.layoutNote,
    rows: finished.rows, zeroLength: finished.zeroLength,
    errors: [...errors, ...finished.errors].sort((a, b) => a.line - b.line), warnings,
  };
}

function emptyPreview(format: ImportPreview['format'], errors: ImportProblem[]): ImportPreview {
  return {
    format, dateFormat: null, ambiguousDates: null, separator: ',', people: [], layout: 'clock', layoutNote: null,
    rows: [], zeroLength: [], errors, warnings: [],
  };
}

/** A file with column names and nothing under them. */
export const NO_ROWS = 'The file has column names but no rows under them: there is nothing to import.';

/** What stops a mapping from giving entries at all, in the words of the mapping screen. */
export function mappingProblem(columns: ColumnMapping, missing: readonly string[]): string | null {
  if (missing.length > 0) return `Missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`;
  if (!columns.start && !(columns.date && (columns.startTime || columns.duration))) {
    return 'Map a start column, or a date column with a start time or a duration.';
  }
  if (!columns.end && !columns.endTime && !columns.duration) return 'Map an end, end time or duration column.';
  return null;
}

/**
 * The date reading for the whole file: the person's choice, else the format's likeliest that reads
 * every date. When day and month could be either way round, both readings are returned to ask.
 */
function chooseDates(
  records: readonly CsvRecord[],
  indexes: readonly number[],
  source: KnownFormat | GenericMapping,
  options: PreviewOptions,
): { dateFormat: DateFormat; ambiguous: AmbiguousDates | null } {
  const samples = new Set<string>();
  for (const record of records) {
    for (const i of indexes) {
      const value = (i === -1 ? '' : (record.cells[i] ?? '')).trim().split(/[T ]/)[0] ?? '';
      if (value !== '') samples.add(value);
    }
  }
  const values = [...samples];
  const preferred = typeof source === 'string' ? FORMATS[source].dateFormats : [source.dateFormat];
  const fitsAll = detectDateFormats(values);
  const dateFormat =
    options.dateFormat ??
    preferred.find((f) => fitsAll.includes(f)) ??
    preferred.find((f) => values.some((s) => parseDateAs(s, f) !== null)) ??
    preferred[0]!;
  const other = otherReading(values, dateFormat);
  if (other === null) return { dateFormat, ambiguous: null };
  const changed = values.filter((v) => parseDateAs(v, other) !== parseDateAs(v, dateFormat)).slice(0, 3);
  return {
    dateFormat,
    ambiguous: { formats: [dateFormat, other], samples: changed.map((raw) => ({ raw, readings: [parseDateAs(raw, dateFormat)!, parseDateAs(raw, other)!] })) },
  };
}

/** A file whose numbers are written "1,5" (and never "1,234.5") uses the decimal comma. */
function usesDecimalComma(records: readonly CsvRecord[], indexes: readonly number[]): boolean {
  const columns = indexes.filter((i) => i !== -1);
  let comma = false;
  for (const record of records.slice(0, 2_000)) {
    for (const i of columns) {
      const value = (record.cells[i] ?? '').trim();
      if (/\d\.\d{3},|\d,\d{3}\./.test(value)) return /\d\.\d{3},/.test(value);
      if (/^-?\d+,(\d{1,2}|\d{4,})$/.test(value)) comma = true;
    }
  }
  return comma;
}
