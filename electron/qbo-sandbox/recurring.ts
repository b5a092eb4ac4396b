// RecurringTransaction (minor version 52+): a template QuickBooks makes transactions from, sent and
// answered wrapped in its template's type, `{"Invoice": {…invoice fields…, "RecurringInfo": {Name,
// RecurType, Active, ScheduleInfo}}}`. The sandbox keeps Invoice templates; create, read, query and
// delete. QuickBooks itself makes the invoices of an Automated template on its schedule; the control
// route `recurring/run` plays that schedule forward to a date (see README).
import { parseLocalDate, type LocalDate } from '../../shared/time/local-date';
import { faults } from './errors';
import { writable, type Company, type Entity, type Ref } from './store';
import { checkShape, prepareInvoiceTemplate } from './validate';
import { qboDate } from './time';

const RECUR_TYPES = ['Automated', 'Reminded', 'UnScheduled'];
const INTERVALS = ['Daily', 'Weekly', 'Monthly', 'Yearly'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** How far a schedule is walked looking for a date; far beyond any test. */
const MAX_STEPS = 100_000;

interface Schedule {
  IntervalType: string;
  NumInterval: number;
  DayOfMonth?: number;
  StartDate: LocalDate;
  EndDate?: LocalDate;
  MaxOccurrences?: number;
  NextDate?: LocalDate;
  PreviousDate?: LocalDate;
}

/** The template inside `{"Invoice": {…}}`, its invoice fields shape-checked as an invoice's. */
export function unwrapTemplate(body: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== 'Invoice') throw faults.unsupported('The sandbox keeps recurring Invoice templates only: send {"Invoice": {…, "RecurringInfo": {…}}}.');
  const inner = body.Invoice;
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) throw faults.malformed('failed to parse json object; Invoice must be an object', 'Invoice');
  const { RecurringInfo, ...rest } = inner as Record<string, unknown>;
  return { ...checkShape('Invoice', rest), ...(RecurringInfo !== undefined ? { RecurringInfo } : {}) };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The k-th date of a schedule (k = 0 is the first period, from StartDate). */
function occurrence(s: Schedule, k: number): LocalDate {
  const { year, month, day } = parseLocalDate(s.StartDate);
  const step = k * s.NumInterval;
  if (s.IntervalType === 'Daily' || s.IntervalType === 'Weekly') {
    const days = s.IntervalType === 'Daily' ? step : step * 7;
    return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
  }
  const months = s.IntervalType === 'Monthly' ? month - 1 + step : month - 1 + step * 12;
  const y = year + Math.floor(months / 12);
  const m = (months % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${pad(y, 4)}-${pad(m)}-${pad(Math.min(s.DayOfMonth ?? day, last))}`;
}

/** The first date of the schedule after `after` (or on/after StartDate when `after` is absent). */
function nextDate(s: Schedule, after?: LocalDate): LocalDate | undefined {
  for (let k = 0; k < MAX_STEPS; k++) {
    const d = occurrence(s, k);
    if (d >= s.StartDate && (after === undefined || d > after)) return d;
  }
  return undefined;
}

function wholeNumber(value: unknown, field: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw faults.business(`${field} must be a whole number from ${min} to ${max}.`, field);
  return value;
}

function schedule(co: Company, raw: unknown): Schedule {
  if (typeof raw !== 'object' || raw === null) throw faults.requiredMissing('ScheduleInfo');
  const s = raw as Record<string, unknown>;
  if (!INTERVALS.includes(String(s.IntervalType))) throw faults.malformed(`IntervalType ${String(s.IntervalType)} is not one of ${INTERVALS.join(', ')}`, 'IntervalType');
  const start = s.StartDate ?? qboDate(co.now(), co.zone);
  for (const [key, value] of [['StartDate', start], ['EndDate', s.EndDate]] as const) {
    if (value !== undefined && (typeof value !== 'string' || !DATE.test(value))) throw faults.malformed(`${key} ${String(value)} is not a valid date (yyyy-MM-dd)`, key);
  }
  const out: Schedule = {
    IntervalType: String(s.IntervalType),
    NumInterval: wholeNumber(s.NumInterval, 'NumInterval', 1, 999) ?? 1,
    DayOfMonth: s.IntervalType === 'Monthly' ? wholeNumber(s.DayOfMonth, 'DayOfMonth', 1, 31) : undefined,
    StartDate: start as string,
    EndDate: s.EndDate as string | undefined,
    MaxOccurrences: wholeNumber(s.MaxOccurrences, 'MaxOccurrences', 1, 9999),
  };
  if (out.EndDate && out.EndDate < out.StartDate) throw faults.business('EndDate cannot be before StartDate.', 'EndDate');
  return { ...out, NextDate: nextDate(out) };
}

/** A new template: RecurringInfo checked (Name unique, RecurType, schedule), NextDate computed, the invoice part checked as an invoice. */
export function prepareRecurring(co: Company, input: Record<string, unknown>): Record<string, unknown> {
  const { RecurringInfo, ...invoice } = input;
  if (typeof RecurringInfo !== 'object' || RecurringInfo === null) throw faults.requiredMissing('RecurringInfo');
  const info = RecurringInfo as Record<string, unknown>;
  if (typeof info.Name !== 'string' || !info.Name.trim()) throw faults.requiredMissing('Name');
  const name = info.Name.trim();
  if (co.each('RecurringTransaction').some((t) => String((t.RecurringInfo as { Name: string }).Name).toLowerCase() === name.toLowerCase())) {
    throw faults.duplicateName('Another recurring template is already using this name. Please use a different name.');
  }
  if (!RECUR_TYPES.includes(String(info.RecurType))) throw faults.malformed(`RecurType ${String(info.RecurType)} is not one of ${RECUR_TYPES.join(', ')}`, 'RecurType');
  const scheduled = info.RecurType === 'UnScheduled' ? {} : { ScheduleInfo: schedule(co, info.ScheduleInfo) };
  return { ...prepareInvoiceTemplate(co, invoice), RecurringInfo: { Name: name, RecurType: info.RecurType, Active: info.Active ?? true, ...scheduled } };
}

/**
 * What QuickBooks' scheduler would have done by `asOf`: each active Automated template makes an
 * invoice dated on each NextDate up to then (not past EndDate or MaxOccurrences), and its NextDate
 * and PreviousDate move on. `create` writes one invoice through the API's rules.
 */
export function runRecurring(co: Company, asOf: LocalDate, create: (body: Record<string, unknown>) => Entity): Entity[] {
  const made: Entity[] = [];
  for (const template of co.all('RecurringTransaction')) {
    const info = template.RecurringInfo as { RecurType: string; Active: boolean; ScheduleInfo?: Schedule };
    const s = info.ScheduleInfo;
    if (info.RecurType !== 'Automated' || info.Active === false || !s) continue;
    let count = co.each('Invoice').filter((i) => (i.RecurDataRef as Ref | undefined)?.value === template.Id).length;
    let { NextDate: next, PreviousDate: previous } = s;
    while (next && next <= asOf && (!s.EndDate || next <= s.EndDate) && (!s.MaxOccurrences || count < s.MaxOccurrences)) {
      const { RecurringInfo: _info, ...fields } = writable(template);
      const invoice = create({ ...fields, TxnDate: next });
      invoice.RecurDataRef = { value: template.Id };
      made.push(invoice);
      count++;
      previous = next;
      next = nextDate(s, next);
    }
    if (previous !== s.PreviousDate) {
      co.update('RecurringTransaction', template, { ...writable(template), RecurringInfo: { ...info, ScheduleInfo: { ...s, NextDate: next, PreviousDate: previous } } });
    }
  }
  return made;
}
