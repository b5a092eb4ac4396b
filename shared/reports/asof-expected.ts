// The cash forecast's items: each amount expected from today on, when, and why in words. Open
// invoices are expected on their due date moved by how late the client pays; unbilled work is
// expected when its project's arrangement will invoice it, plus the client's days to pay.
import { hoursText, moneyText } from '../billing/charge';
import { periodOf } from '../billing/periods';
import { progressTotal } from '../billing/progress';
import type { FixedFeeArrangement, ProgressArrangement, RetainerArrangement } from '../billing/types';
import { addLocalDays, firstOfNextMonth, type LocalDate } from '../time/local-date';
import { clientFilter, names, scopeFilter, type Names } from './asof-common';
import { sum } from './parts';
import { formatDayMonth } from '../time/display';
import { appliedByInvoice, payerKey, paymentHistory, type PayHistory } from './asof-payments';
import type { ReportData, ReportEntry, ReportProject, ReportScope } from './types';

export type ExpectedSource = 'Open invoices' | 'Unbilled work';

export interface Expected {
  source: ExpectedSource;
  client: string;
  /** The invoice number, or the project. */
  item: string;
  date: LocalDate;
  amountMinor: number;
  basis: string;
}

/** How far ahead the forecast looks, in days. */
export const HORIZON_DAYS = 90;
/** Days to pay assumed for a client that has paid no invoice yet. */
const DEFAULT_DAYS_TO_PAY = 30;
/** The burn rate of a fixed-fee project is its time over this many days. */
const BURN_DAYS = 28;

interface Context {
  data: ReportData;
  named: Names;
  history: Map<string, PayHistory>;
  keep: (clientId: string | null, projectId: string | null) => boolean;
  notes: string[];
}

const plural = (n: number, word: string): string => `${n} ${word}${Math.abs(n) === 1 ? '' : 's'}`;

/** Everything expected (any date; the caller buckets them), and notes on what was left out. */
export function expectedItems(data: ReportData, scope: ReportScope): { items: Expected[]; notes: string[] } {
  const applied = appliedByInvoice(data.payments);
  const history = paymentHistory(data.invoices, applied, data.today);
  const keep = scopeFilter(data, scope);
  const ctx: Context = { data, named: names(data), history, keep, notes: [] };
  const keepClient = clientFilter(data, scope);
  const invoices = data.invoices.filter((inv) => !inv.ended && inv.balanceMinor > 0 && keepClient(inv.clientId));
  const fromInvoices = invoices.map((inv): Expected => {
    const client = ctx.named.client(inv.clientId, inv.customerName);
    const h = history.get(payerKey(inv));
    const late = h ? Math.round(h.averageDaysLate) : 0;
    const due = addLocalDays(inv.dueDate, late);
    const basis = `Due ${formatDayMonth(inv.dueDate)}; ${h ? lateWords(client, h.averageDaysLate) : 'no payment history'}`;
    return { source: 'Open invoices', client, item: inv.number, date: due > data.today ? due : data.today, amountMinor: inv.balanceMinor, basis };
  });
  const unbilled = data.entries.filter((e) => e.billable && e.invoiceId === null && keep(e.clientId, e.projectId));
  const drafts = sum(unbilled.filter((e) => e.status === 'draft').map((e) => e.valueMinor));
  if (drafts > 0) ctx.notes.push(`Draft time worth ${moneyText(drafts, data.currency)} is left out until it is approved.`);
  const ready = unbilled.filter((e) => e.status === 'approved' || e.status === 'synced');
  return { items: [...fromInvoices, ...unbilledItems(ctx, ready)], notes: ctx.notes };
}

function lateWords(client: string, daysLate: number): string {
  if (daysLate > 0) return `${client} pays ${plural(daysLate, 'day')} late on average`;
  if (daysLate < 0) return `${client} pays ${plural(-daysLate, 'day')} early on average`;
  return `${client} pays on time on average`;
}

/** When an invoice made on `invoiced` is expected to be paid, and that in words. */
function paidAfter(ctx: Context, clientId: string | null, invoiced: LocalDate): { date: LocalDate; words: string } {
  const h = clientId === null ? undefined : ctx.history.get(clientId);
  if (!h) return { date: addLocalDays(invoiced, DEFAULT_DAYS_TO_PAY), words: `paid in ${DEFAULT_DAYS_TO_PAY} days (no payment history)` };
  return { date: addLocalDays(invoiced, Math.round(h.averageDaysToPay)), words: `${ctx.named.client(clientId)} pays in ${plural(h.averageDaysToPay, 'day')} on average` };
}

/** Unbilled time by project, each by its arrangement (no project or no arrangement: hourly). */
function unbilledItems(ctx: Context, entries: readonly ReportEntry[]): Expected[] {
  const projects = new Map(ctx.data.projects.map((p) => [p.id, p]));
  const byProject = new Map<string, ReportEntry[]>();
  for (const e of entries) {
    const key = e.projectId !== null && projects.has(e.projectId) ? e.projectId : `client:${e.clientId ?? ''}`;
    const list = byProject.get(key);
    if (list) list.push(e);
    else byProject.set(key, [e]);
  }
  let covered = 0;
  const items = [...byProject].flatMap(([key, mine]) => {
    const project = projects.get(key);
    const arr = project?.arrangement ?? null;
    const clientId = project ? project.clientId : (mine[0]!.clientId ?? null);
    const value = sum(mine.map((e) => e.valueMinor));
    if (arr?.kind === 'retainer' || arr?.kind === 'fixedFee') covered += value;
    if (arr === null || arr.kind === 'hourly') return hourly(ctx, clientId, project?.name ?? 'No project', value, null);
    if (arr.kind === 'progress') return hourly(ctx, clientId, project!.name, value, budgetLeft(ctx, project!, arr));
    return [];
  });
  if (covered > 0) ctx.notes.push(`Time on retainer and fixed-fee projects (${moneyText(covered, ctx.data.currency)} at rate) is covered by their fees; any overage is left out.`);
  const arranged = ctx.data.projects.filter((p) => ctx.keep(p.clientId, p.id));
  return [...items, ...arranged.flatMap((p) => feeItems(ctx, p))];
}

/** The end of the current month: when time billed by the hour is invoiced. */
const monthEnd = (today: LocalDate): LocalDate => addLocalDays(firstOfNextMonth(today), -1);

/** Time invoiced at month end; `cap` (progress billing): no more than the budget left. */
function hourly(ctx: Context, clientId: string | null, project: string, value: number, cap: number | null): Expected[] {
  const amountMinor = cap === null ? value : Math.min(value, Math.max(0, cap));
  if (amountMinor <= 0) return [];
  const invoiced = monthEnd(ctx.data.today);
  const paid = paidAfter(ctx, clientId, invoiced);
  const capWords = cap !== null && cap < value ? `, up to the ${moneyText(Math.max(0, cap), ctx.data.currency)} left in the budget` : '';
  const basis = `Invoiced ${formatDayMonth(invoiced)} at month end${capWords}; ${paid.words}`;
  return [{ source: 'Unbilled work', client: ctx.named.client(clientId), item: project, date: paid.date, amountMinor, basis }];
}

/** What the project has invoiced so far: fees and charges on no entry, and the entries' shares. */
function invoicedSoFar(ctx: Context, projectId: string): number {
  const charges = ctx.data.invoices.filter((inv) => !inv.ended).flatMap((inv) => inv.unattributed.filter((u) => u.projectId === projectId));
  const shares = ctx.data.entries.filter((e) => e.projectId === projectId && e.invoiceId !== null);
  return sum(charges.map((c) => c.amountMinor)) + sum(shares.map((e) => e.invoicedMinor ?? 0));
}

const budgetLeft = (ctx: Context, project: ReportProject, arr: ProgressArrangement): number => progressTotal(arr, ctx.data.currency) - invoicedSoFar(ctx, project.id);

/** Fees a retainer or a fixed fee will invoice on its own (the other arrangements bill time). */
function feeItems(ctx: Context, project: ReportProject): Expected[] {
  const arr = project.arrangement;
  if (arr?.kind === 'retainer') return retainerFees(ctx, project, arr);
  if (arr?.kind === 'fixedFee' && arr.feeBilled === 'onCompletion') return completionFee(ctx, project, arr);
  return [];
}

/** Each period's fee invoiced after today and within the horizon (the first day in advance, the last in arrears). */
function retainerFees(ctx: Context, project: ReportProject, arr: RetainerArrangement): Expected[] {
  const { today } = ctx.data;
  const horizon = addLocalDays(today, HORIZON_DAYS);
  const items: Expected[] = [];
  for (let p = periodOf(arr, today > arr.startDate ? today : arr.startDate); p; p = periodOf(arr, addLocalDays(p.end, 1))) {
    const invoiced = arr.billedInAdvance ? p.start : p.end;
    if (invoiced > horizon) break;
    if (invoiced <= today) continue;
    const paid = paidAfter(ctx, project.clientId, invoiced);
    const basis = `${p.label} retainer fee, invoiced ${formatDayMonth(invoiced)} ${arr.billedInAdvance ? 'in advance' : 'at the period\'s end'}; ${paid.words}`;
    items.push({ source: 'Unbilled work', client: ctx.named.client(project.clientId), item: project.name, date: paid.date, amountMinor: arr.feeMinor, basis });
  }
  return items;
}

/**
 * The fee left to invoice, when the project should be done at its recent pace: the estimate less
 * the time worked (the entries read: time invoiced before the period read may be missing, which
 * only makes the finish later), over the hours a day of the last BURN_DAYS days.
 */
function completionFee(ctx: Context, project: ReportProject, arr: FixedFeeArrangement): Expected[] {
  const { today } = ctx.data;
  const left = arr.feeMinor - invoicedSoFar(ctx, project.id);
  if (left <= 0) return [];
  const mine = ctx.data.entries.filter((e) => e.projectId === project.id);
  const remainingMs = Math.max(0, arr.estimateMinutes * 60_000 - sum(mine.map((e) => e.billedMs)));
  const since = addLocalDays(today, 1 - BURN_DAYS);
  const perDayMs = sum(mine.filter((e) => e.localDate >= since && e.localDate <= today).map((e) => e.billedMs)) / BURN_DAYS;
  if (arr.completedOn === null && perDayMs === 0) {
    ctx.notes.push(`${project.name}: the fixed fee is not forecast, as no time was recorded on it in the last ${BURN_DAYS} days.`);
    return [];
  }
  const done = arr.completedOn !== null ? today : addLocalDays(today, Math.ceil(remainingMs / perDayMs));
  const paid = paidAfter(ctx, project.clientId, done);
  const pace = arr.completedOn !== null ? 'the project is complete' : `${hoursText(Math.round(remainingMs / 60_000))} of the estimate left at ${hoursText(Math.round(perDayMs / 60_000))} a day, done about ${formatDayMonth(done)}`;
  const basis = `Fixed fee on completion: ${pace}; ${paid.words}`;
  return [{ source: 'Unbilled work', client: ctx.named.client(project.clientId), item: project.name, date: paid.date, amountMinor: left, basis }];
}
