// One CSV record → what the row says: when (clock times, or a date and a duration to lay out),
// who, on what, and its money and status in the source. Unreadable values that an entry can do
// without become warnings; unreadable times are the row's error.
import { MAX_ENTRY_MS } from '../entries/entry';
import { formatDuration } from '../time/duration';
import { addLocalDays, type LocalDate } from '../time/local-date';
import { isValidZone, localDate, zonedInstant } from '../time/zone';
import { parseAmount, parseClockTime, parseDateAs, parseDurationCell, readCurrency, type DateFormat } from './fields';
import type { ColumnMapping } from './formats';
import type { ReadRow } from './import-layout';
import type { ImportedMoney, ImportedRow, ImportPreview, ImportWarning } from './types';
import { readInvoiced, readYesNo } from './words';
import { unescapeCell } from './write';
import { cleanCell } from './row-rules';
import type { CsvRecord } from './parse';

export class RowError extends Error {}

export interface RowContext {
  format: ImportPreview['format'];
  headers: readonly string[];
  columns: ColumnMapping;
  /** Each mapped field's cell index, worked out once for the file. */
  at: Partial<Record<keyof ColumnMapping, number>>;
  zone: string;
  dateFormat: DateFormat;
  /** The currency the headers state ("Amount (EUR)"), when no column names it per row. */
  headerCurrency: string | null;
  decimalComma: boolean;
}

type Get = (field: keyof ColumnMapping) => string;

export function readRow(record: CsvRecord, ctx: RowContext, warnings: ImportWarning[]): ReadRow {
  const { headers } = ctx;
  if (record.cells.length < headers.length || record.cells.slice(headers.length).some((c) => c.trim() !== '')) {
    throw new RowError(`This row has ${record.cells.length} fields but the header has ${headers.length}.`);
  }
  const own = ctx.format === 'tracknexus';
  const get: Get = (field) => {
    const i = ctx.at[field];
    const value = i === undefined || i === -1 ? '' : (record.cells[i] ?? '').trim();
    return cleanCell(own ? unescapeCell(value).trim() : value, field === 'description').trim();
  };
  const warn = (field: keyof ColumnMapping, reason: string) => warnings.push({ line: record.line, field, reason });
  const zone = readZone(get, ctx.zone, warn);
  const first = get('person');
  const last = get('lastName');
  const person = first && last ? `${first} ${last}` : first || last;
  const timing = readTiming(get, ctx, zone);
  return {
    line: record.line,
    date: timing.date,
    start: timing.start,
    end: timing.end,
    durationMs: timing.durationMs,
    zone,
    person: person || null,
    client: get('client') || null,
    project: get('project') || null,
    task: get('task') || null,
    description: get('description'),
    billable: readFlag(get, 'billable', readYesNo, warn),
    tags: get('tags') === '' ? [] : get('tags').split(',').map((t) => t.trim()).filter((t) => t !== ''),
    money: readMoney(get, ctx, warn),
    sourceStatus: readSourceStatus(get, warn),
  };
}

function readZone(get: Get, fallback: string, warn: (field: keyof ColumnMapping, reason: string) => void): string {
  const zone = get('zone');
  if (zone === '') return fallback;
  if (isValidZone(zone)) return zone;
  warn('zone', `Time zone "${zone}" is not one we know; the times are read in ${fallback}.`);
  return fallback;
}

function readFlag(
  get: Get,
  field: 'billable' | 'invoiced' | 'approved',
  read: (value: string) => boolean | null | undefined,
  warn: (field: keyof ColumnMapping, reason: string) => void,
): boolean | null {
  const value = read(get(field));
  if (value !== undefined) return value;
  warn(field, `${FLAG_LABEL[field]} "${get(field)}" is not a yes or a no we know; the row is imported with it left empty.`);
  return null;
}
const FLAG_LABEL = { billable: 'Billable', invoiced: 'Invoiced', approved: 'Approved' } as const;

/** Invoiced wins over approved; our own files say it in one Status column. */
function readSourceStatus(get: Get, warn: (field: keyof ColumnMapping, reason: string) => void): ImportedRow['sourceStatus'] {
  const status = get('status').toLowerCase();
  if (status !== '') {
    if (['synced', 'invoiced', 'paid'].includes(status)) return 'invoiced';
    if (status === 'approved') return 'approved';
    if (status !== 'draft') warn('status', `Status "${get('status')}" is not one of ours; the row is imported as a draft.`);
    return null;
  }
  if (readFlag(get, 'invoiced', readInvoiced, warn)) return 'invoiced';
  if (readFlag(get, 'approved', readYesNo, warn)) return 'approved';
  return null;
}

/** Amounts in the row's currency (its column, else the headers'); an unknown currency reads as two decimals. */
function readMoney(get: Get, ctx: RowContext, warn: (field: keyof ColumnMapping, reason: string) => void): ImportedMoney {
  const currency = (get('currency') && readCurrency(get('currency'))) || ctx.headerCurrency;
  if (get('currency') && !readCurrency(get('currency'))) warn('currency', `Currency "${get('currency')}" is not a currency code we know.`);
  const amount = (field: 'rate' | 'amount' | 'costRate') => {
    if (get(field) === '') return null;
    const minor = parseAmount(get(field), currency ?? 'USD', ctx.decimalComma);
    if (minor === null) warn(field, `"${get(field)}" is not an amount; the row is imported without it.`);
    return minor;
  };
  return { currency, rateMinor: amount('rate'), amountMinor: amount('amount'), costRateMinor: amount('costRate') };
}

type Timing = Pick<ReadRow, 'date' | 'start' | 'end' | 'durationMs'>;

function readTiming(get: Get, ctx: RowContext, zone: string): Timing {
  const { columns, dateFormat } = ctx;
  if (columns.start) {
    const start = readDateTime(get('start'), dateFormat, zone, columns.start);
    return clockTiming(localDate(start, zone), start, readEnd(get, ctx, zone, start, null));
  }
  const date = readDate(get('date'), dateFormat, columns.date!);
  if (columns.startTime && get('startTime') !== '') {
    const start = readTime(date, get('startTime'), zone, columns.startTime);
    return clockTiming(date, start, readEnd(get, ctx, zone, start, date));
  }
  if (!columns.duration) throw new RowError(`${columns.startTime ?? 'The start time'} is empty.`);
  const durationMs = readDuration(get, columns.duration);
  return { date, start: null, end: null, durationMs };
}

function clockTiming(date: LocalDate, start: number, end: number): Timing {
  if (end < start) throw new RowError('This entry ends before it starts.');
  if (end - start > MAX_ENTRY_MS) throw tooLong(end - start);
  return { date, start, end, durationMs: end - start };
}

function readEnd(get: Get, ctx: RowContext, zone: string, start: number, date: LocalDate | null): number {
  const { columns, dateFormat } = ctx;
  if (columns.end && get('end') !== '') return readDateTime(get('end'), dateFormat, zone, columns.end);
  if (columns.endTime && get('endTime') !== '') {
    const endDate = columns.endDate && get('endDate') !== '' ? readDate(get('endDate'), dateFormat, columns.endDate) : date;
    if (endDate === null) throw new RowError('An end time needs a date column.');
    const end = readTime(endDate, get('endTime'), zone, columns.endTime);
    // Without an end date, an end time before the start means the work ran past midnight.
    return !columns.endDate && end < start ? readTime(addLocalDays(endDate, 1), get('endTime'), zone, columns.endTime) : end;
  }
  if (columns.duration) return start + readDuration(get, columns.duration);
  throw new RowError('This row has no end time or duration.');
}

function readDuration(get: Get, column: string): number {
  const ms = parseDurationCell(get('duration'));
  if (ms === null) throw new RowError(`${column} "${get('duration')}" is not a duration (use hours like 1.5 or h:mm).`);
  if (ms > MAX_ENTRY_MS) throw tooLong(ms);
  return ms;
}

function tooLong(ms: number): RowError {
  return new RowError(`This entry lasts ${formatDuration(ms)}, longer than the 24 hours an entry can hold (a timer left running?). Correct it in the file, or add the time by hand.`);
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
  if (WITH_OFFSET.test(value)) {
    const instant = Date.parse(value);
    if (Number.isNaN(instant)) throw new RowError(`${column} "${value}" is not a real date and time.`);
    return instant;
  }
  const m = /^(\S+?)[T ](.+)$/.exec(value);
  if (!m) throw new RowError(`${column} "${value}" needs a date and a time.`);
  return readTime(readDate(m[1]!, format, column), m[2]!, zone, column);
}
