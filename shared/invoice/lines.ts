// Grouping segments into invoice lines. A line holds time of one project at one item, class, unit
// rate and multiplier, further split by the layout's detail (entry, task and day, task, project).
// Lines run oldest first, a project's arrangement lines (charges) after its time; per-client
// invoices with several projects get a heading and a subtotal per project, projects by name.
// Expense lines are one per expense (build.ts puts them last).
import type { ArrangementCharge } from '../billing/types';
import { groupBy } from '../group-by';
import { MAX_DESCRIPTION_LENGTH } from '../entries/entry';
import { formatMoney } from '../money/money';
import { multiplyRate } from '../money/multiply';
import type { MultiplierRules } from '../rates/multipliers';
import { renderDescription } from '../qbo/template';
import type { Segment } from './portions';
import { quantityFor, unitPriceString } from './quantity';
import type { BillableExpense, BillableTime, InvoiceLayout, InvoiceLine, LineDetail } from './types';
import { formatDates, multiplierLabel, ruleWords } from './wording';

function detailKey(s: Segment, detail: LineDetail): unknown[] {
  const p = s.piece;
  if (detail === 'entry') return [p.entryId, p.localDate];
  if (detail === 'taskDay') return [p.taskId, p.localDate];
  if (detail === 'task') return [p.taskId];
  return [];
}

function lineKey(s: Segment, detail: LineDetail): string {
  const p = s.piece;
  return JSON.stringify([p.projectId, ...detailKey(s, detail), p.itemId, p.classId, s.rateMinor, s.percent, s.multiplier]);
}

/** Segments (in start order) grouped by line, groups in order of their earliest segment. */
function groupSegments(segments: readonly Segment[], detail: LineDetail): Segment[][] {
  return [...groupBy(segments, (s) => lineKey(s, detail)).values()];
}

const distinct = (values: ReadonlyArray<string | null>): string[] => [...new Set(values.filter((v): v is string => !!v && v.trim() !== ''))];

function describe(group: readonly Segment[], template: string, dateText: string): string {
  const first = group[0]!;
  const pieces = group.map((s) => s.piece);
  const text = renderDescription(template, {
    client: first.piece.clientName,
    project: first.piece.projectName,
    task: distinct(pieces.map((p) => p.taskName)).join(', '),
    description: distinct(pieces.map((p) => p.description.trim())).join('; '),
    date: dateText,
  });
  if (!first.multiplier) return text;
  const label = multiplierLabel(first.multiplier, first.percent);
  if (!text) return label;
  // The label must survive QuickBooks' Description limit: shorten the text, not the label.
  const room = MAX_DESCRIPTION_LENGTH - label.length - 3;
  return `${text.length > room ? `${text.slice(0, room - 1)}…` : text} — ${label}`;
}

function partsOf(group: readonly Segment[]): InvoiceLine['parts'] {
  const ms = new Map<string, number>();
  for (const s of group) ms.set(s.piece.entryId, (ms.get(s.piece.entryId) ?? 0) + s.ms);
  return [...ms].map(([entryId, total]) => ({ entryId, ms: total }));
}

/** One time line; `inexact` collects lines whose Qty could not make Qty × UnitPrice exact. */
function timeLine(group: readonly Segment[], layout: InvoiceLayout, rules: MultiplierRules, currency: string, inexact: InvoiceLine[]): InvoiceLine {
  const first = group[0]!;
  const ms = group.reduce((sum, s) => sum + s.ms, 0);
  const minutes = ms / 60_000;
  const amountMinor = multiplyRate(first.rateMinor, ms, currency, first.percent).amountMinor;
  const dates = [...new Set(group.map((s) => s.piece.localDate))].sort();
  const { qty, exact } = quantityFor(minutes, first.rateMinor, first.percent, amountMinor);
  const line: InvoiceLine = {
    kind: 'time',
    description: describe(group, layout.descriptionTemplate, formatDates(dates)),
    itemId: first.piece.itemId,
    ...(dates.length === 1 ? { serviceDate: dates[0]! } : {}),
    projectId: first.piece.projectId,
    classId: first.piece.classId,
    minutes,
    qty,
    unitPrice: unitPriceString(first.rateMinor, first.percent, currency),
    rateMinor: first.rateMinor,
    percent: first.percent,
    multiplier: first.multiplier,
    ...(first.multiplier ? { rule: ruleWords(first.multiplier, first.percent, rules, dates) } : {}),
    amountMinor,
    // Every TimeActivity with time here; the builder keeps each only on its first line.
    timeActivityIds: [...new Set(group.map((s) => s.piece.timeActivityId))],
    parts: partsOf(group),
  };
  if (!exact) inexact.push(line);
  return line;
}

function descriptionOnly(kind: 'section' | 'subtotal', description: string, projectId: string, amountMinor: number): InvoiceLine {
  return { kind, description, projectId, amountMinor, timeActivityIds: [], parts: [] };
}

/** Turns a home-currency amount or rate into the invoice currency's. */
type RateOf = (homeMinor: number) => number;

/** `rateOf` for amounts of either sign (a true-up can be a credit). */
const signed = (rateOf: RateOf, homeMinor: number): number => (homeMinor < 0 ? -rateOf(-homeMinor) : rateOf(homeMinor));
const priceText = (minor: number, currency: string): string => (minor < 0 ? `-${unitPriceString(-minor, 100, currency)}` : unitPriceString(minor, 100, currency));

function coveredParts(covers: readonly BillableTime[]): InvoiceLine['parts'] {
  const ms = new Map<string, number>();
  for (const p of covers) ms.set(p.entryId, (ms.get(p.entryId) ?? 0) + p.billedMs);
  return [...ms].map(([entryId, total]) => ({ entryId, ms: total }));
}

/**
 * An arrangement line: overage as hours × the unit rate (Qty chosen so Qty × UnitPrice is the
 * amount), a fixed amount as Qty 1. It links the time it covers; amounts are converted like rates.
 */
function chargeLine(charge: ArrangementCharge, rateOf: RateOf, currency: string, inexact: InvoiceLine[]): InvoiceLine {
  const amountMinor = signed(rateOf, charge.amountMinor);
  const perHour = charge.minutes !== null && charge.rateMinor !== null && charge.amountMinor >= 0;
  const rateMinor = perHour ? rateOf(charge.rateMinor!) : amountMinor;
  const quantity = perHour ? quantityFor(charge.minutes!, rateMinor, 100, amountMinor) : { qty: '1', exact: true };
  const line: InvoiceLine = {
    kind: 'charge',
    description: charge.description.slice(0, MAX_DESCRIPTION_LENGTH),
    itemId: charge.itemId,
    serviceDate: charge.serviceDate,
    projectId: charge.projectId,
    classId: charge.classId,
    ...(perHour ? { minutes: charge.minutes! } : {}),
    qty: quantity.qty,
    unitPrice: priceText(rateMinor, currency),
    rateMinor,
    amountMinor,
    step: charge.step,
    homeAmountMinor: charge.amountMinor,
    timeActivityIds: [...new Set(charge.covers.map((p) => p.timeActivityId))],
    parts: coveredParts(charge.covers),
  };
  if (!quantity.exact) inexact.push(line);
  return line;
}

/** An expense line: Qty 1 at the expense's amount, linked to its ReimburseCharge. */
export function expenseLine(expense: BillableExpense, rateOf: RateOf, currency: string): InvoiceLine {
  const amountMinor = rateOf(expense.amountMinor);
  return {
    kind: 'expense',
    description: expense.description.slice(0, MAX_DESCRIPTION_LENGTH),
    itemId: expense.itemId,
    serviceDate: expense.localDate,
    ...(expense.projectId !== null ? { projectId: expense.projectId } : {}),
    qty: '1',
    unitPrice: priceText(amountMinor, currency),
    rateMinor: amountMinor,
    amountMinor,
    expenseId: expense.expenseId,
    reimburseChargeId: expense.reimburseChargeId,
    timeActivityIds: [],
    parts: [],
  };
}

interface LineContext {
  layout: InvoiceLayout;
  rules: MultiplierRules;
  currency: string;
  rateOf: RateOf;
}

/**
 * The invoice's time and charge lines (without tax codes, each TimeActivity not yet kept to one
 * line), and those with an inexact Qty.
 */
export function buildLines(segments: readonly Segment[], charges: readonly ArrangementCharge[], ctx: LineContext): { lines: InvoiceLine[]; inexact: InvoiceLine[] } {
  const { layout, rules, currency } = ctx;
  const inexact: InvoiceLine[] = [];
  const timeLines = groupSegments(segments, layout.detail).map((g) => timeLine(g, layout, rules, currency, inexact));
  const own = [...timeLines, ...charges.map((c) => chargeLine(c, ctx.rateOf, currency, inexact))];
  const projects = new Map<string, string>();
  for (const s of segments) projects.set(s.piece.projectId, s.piece.projectName);
  for (const c of charges) if (!projects.has(c.projectId)) projects.set(c.projectId, c.projectName);
  if (layout.grouping === 'perProject' || projects.size < 2) return { lines: own, inexact };
  const ordered = [...projects].sort(([ia, a], [ib, b]) => a.localeCompare(b, 'en') || (ia < ib ? -1 : ia > ib ? 1 : 0));
  const lines: InvoiceLine[] = [];
  for (const [projectId, name] of ordered) {
    const ofProject = own.filter((l) => l.projectId === projectId);
    const sum = ofProject.reduce((total, l) => total + l.amountMinor, 0);
    lines.push(descriptionOnly('section', name, projectId, 0), ...ofProject);
    lines.push(descriptionOnly('subtotal', `Subtotal ${name}: ${formatMoney({ amountMinor: sum, currency }, 'en')}`, projectId, sum));
  }
  return { lines, inexact };
}
