// Turning another tracker's CSV into entries to review before saving. Nothing is written here:
// the caller shows the preview, lets the user fix mappings, and deduplicates by importKey.
import { MAX_ENTRY_MS } from '../entries/entry';
import { addLocalDays, type LocalDate } from '../time/local-date';
import { isValidZone, zonedInstant } from '../time/zone';
import { detectDateFormats, parseClockTime, parseDateAs, parseDurationCell, parseYesNo, type DateFormat } from './fields';
import { FORMATS, type ColumnMapping, type KnownFormat } from './formats';
import { fnv1a64 } from './hash';
import { parseCsv, type CsvRecord } from './parse';

export interface GenericMapping {
  columns: ColumnMapping;
  /** Chosen by the user (detectDateFormats lists the candidates): 03/04 cannot be guessed. */
  dateFormat: DateFormat;
}

export interface ImportedRow {
  line: number;
  /** Same source row → same key, whichever order the columns are in, so re-imports can be skipped. */
  importKey: string;
  start: number;
  end: number;
  zone: string;
  client: string | null;
  project: string | null;
  task: string | null;
  description: string;
  /** null when the file does not say; the project's default applies. */
  billable: boolean | null;
  tags: string[];
  /** True when the file had no start time and the start was placed by the 09:00 stacking rule. */
  startAssumed: boolean;
}

export interface ImportPreview {
  format: KnownFormat | 'generic';
  dateFormat: DateFormat | null;
  rows: ImportedRow[];
  errors: Array<{ line: number; reason: string }>;
}

/** Where entries without a clock time begin: 09:00 local, each following the previous one that day. */
const ASSUMED_DAY_START = '09:00';

class RowError extends Error {}

/**
 * Reads the file and maps every row it can. Rows that cannot be read are listed with their line
 * number and reason; the others still import. Times are read as wall-clock times in `zone`.
 * Files with a date and duration but no start time (Harvest) get starts from 09:00 local,
 * stacked in file order per day, flagged `startAssumed`.
 */
export function previewImport(text: string, source: KnownFormat | GenericMapping, zone: string): ImportPreview {
  const format = typeof source === 'string' ? source : 'generic';
  const columns = typeof source === 'string' ? FORMATS[source].columns : source.columns;
  const fail = (line: number, reason: string): ImportPreview => ({ format, dateFormat: null, rows: [], errors: [{ line, reason }] });

  if (!isValidZone(zone)) return fail(1, `"${zone}" is not a known time zone.`);
  const parsed = parseCsv(text);
  if (!parsed.ok) return fail(parsed.line, parsed.error);
  const [header, ...records] = parsed.records;
  if (!header) return fail(1, 'The file is empty.');
  const headers = header.cells.map((h) => h.trim());
  const missing = Object.values(columns).filter((c): c is string => c !== undefined && !headers.includes(c));
  if (missing.length > 0) return fail(header.line, `Missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`);
  if (!columns.start && !(columns.date && (columns.startTime || columns.duration))) {
    return fail(header.line, 'Map a start column, or a date column with a start time or a duration.');
  }
  if (!columns.end && !columns.endTime && !columns.duration) return fail(header.line, 'Map an end, end time or duration column.');

  const cell = (record: CsvRecord, column: string | undefined) =>
    column === undefined ? '' : (record.cells[headers.indexOf(column)] ?? '').trim();
  const dateFormat =
    typeof source === 'string'
      ? pickDateFormat(records.map((r) => cell(r, columns.date ?? columns.start).split(/[T ]/)[0] ?? ''), FORMATS[source].dateFormats)
      : source.dateFormat;

  const rows: ImportedRow[] = [];
  const errors: ImportPreview['errors'] = [];
  const seen = new Map<string, number>();
  const stacked = new Map<LocalDate, number>();
  for (const record of records) {
    const normalised = normaliseRow(headers, record.cells);
    const occurrence = seen.get(normalised) ?? 0;
    seen.set(normalised, occurrence + 1);
    try {
      if (record.cells.length < headers.length || record.cells.slice(headers.length).some((c) => c.trim() !== '')) {
        throw new RowError(`This row has ${record.cells.length} fields but the header has ${headers.length}.`);
      }
      const get = (column: string | undefined) => cell(record, column);
      const timing = readTiming(get, columns, dateFormat, zone, stacked);
      const billable = parseYesNo(get(columns.billable));
      if (billable === undefined) throw new RowError(`Billable value "${get(columns.billable)}" is not yes or no.`);
      rows.push({
        line: record.line,
        // The occurrence count keeps two genuinely identical rows (same day, same hours, same notes) apart.
        importKey: `${format}:${fnv1a64(`${normalised}\u001e${occurrence}`)}`,
        ...timing,
        zone,
        client: get(columns.client) || null,
        project: get(columns.project) || null,
        task: get(columns.task) || null,
        description: get(columns.description),
        billable,
        tags: get(columns.tags).split(',').map((t) => t.trim()).filter((t) => t !== ''),
      });
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      errors.push({ line: record.line, reason: error.message });
    }
  }
  return { format, dateFormat, rows, errors };
}

/** The first preferred format that reads every date; if none reads them all, the first that reads any. */
function pickDateFormat(samples: string[], preferred: readonly DateFormat[]): DateFormat {
  const fitsAll = detectDateFormats(samples);
  return (
    preferred.find((f) => fitsAll.includes(f)) ??
    preferred.find((f) => samples.some((s) => parseDateAs(s, f) !== null)) ??
    preferred[0]!
  );
}

/** Header=value pairs sorted by header, trimmed, line endings unified. */
function normaliseRow(headers: string[], cells: string[]): string {
  return headers
    .map((h, i) => `${h}=${(cells[i] ?? '').trim().replace(/\r\n?/g, '\n')}`)
    .sort()
    .join('\u001f');
}

function readTiming(
  get: (column: string | undefined) => string,
  columns: ColumnMapping,
  dateFormat: DateFormat,
  zone: string,
  stacked: Map<LocalDate, number>,
): { start: number; end: number; startAssumed: boolean } {
  const date = columns.date ? readDate(get(columns.date), dateFormat, columns.date) : null;
  let start: number;
  let startAssumed = false;
  if (columns.start) start = readDateTime(get(columns.start), dateFormat, zone, columns.start);
  else if (columns.startTime) start = readTime(date!, get(columns.startTime), zone, columns.startTime);
  else {
    start = stacked.get(date!) ?? zonedInstant(date!, ASSUMED_DAY_START, zone);
    startAssumed = true;
  }

  let end: number;
  if (columns.end && get(columns.end) !== '') end = readDateTime(get(columns.end), dateFormat, zone, columns.end);
  else if (columns.endTime && get(columns.endTime) !== '') {
    const endDate = columns.endDate && get(columns.endDate) !== '' ? readDate(get(columns.endDate), dateFormat, columns.endDate) : date;
    if (endDate === null) throw new RowError('An end time needs a date column.');
    end = readTime(endDate, get(columns.endTime), zone, columns.endTime);
    // Without an end date, an end time before the start means the work ran past midnight.
    if (!columns.endDate && end <= start) end = readTime(addLocalDays(endDate, 1), get(columns.endTime), zone, columns.endTime);
  } else if (columns.duration) {
    const ms = parseDurationCell(get(columns.duration));
    if (ms === null) throw new RowError(`${columns.duration} "${get(columns.duration)}" is not a duration (use hours like 1.5 or h:mm).`);
    end = start + ms;
  } else throw new RowError('This row has no end time or duration.');

  if (end <= start) throw new RowError(end === start ? 'This entry has no duration.' : 'This entry ends before it starts.');
  if (end - start > MAX_ENTRY_MS) throw new RowError('This entry is longer than 24 hours.');
  if (startAssumed) stacked.set(date!, end);
  return { start, end, startAssumed };
}

function readDate(value: string, format: DateFormat, column: string): LocalDate {
  const date = parseDateAs(value, format);
  if (date === null) throw new RowError(`${column} "${value}" is not a date in the ${format} format.`);
  return date;
}

function readTime(date: LocalDate, value: string, zone: string, column: string): number {
  const clock = parseClockTime(value);
  if (clock === null) throw new RowError(`${column} "${value}" is not a time of day.`);
  return zonedInstant(date, clock.hhmm, zone) + clock.seconds * 1000;
}

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/** "2024-03-05 09:00", "03/05/2024 9:00 AM", or an ISO instant with Z/offset (taken as given). */
function readDateTime(value: string, format: DateFormat, zone: string, column: string): number {
  if (WITH_OFFSET.test(value)) return Date.parse(value);
  const m = /^(\S+?)[T ](.+)$/.exec(value);
  if (!m) throw new RowError(`${column} "${value}" needs a date and a time.`);
  return readTime(readDate(m[1]!, format, column), m[2]!, zone, column);
}
