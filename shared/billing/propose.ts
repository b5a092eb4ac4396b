// What a project's billing arrangement has due: the invoices to propose (or create), in lines with
// the time they cover, and where the arrangement stands in words for the screens. Pure: the
// renderer fills the context from its tables (synced time, invoices not voided, deleted or failed).
import type { BillableTime, InvoiceLine } from '../invoice/types';
import { roundHalfUp, toSafeNumber } from '../money/money';
import type { LocalDate } from '../time/local-date';
import { hoursText, isBilled, moneyText, timeAmount } from './charge';
import { fixedFeeUse, proposeFixedFee } from './fixed-fee';
import { periodOf, periodsThrough } from './periods';
import { progressBilled, progressTotal, proposeProgress } from './progress';
import { overageRate, proposeRetainer, retainerLedger } from './retainer';
import type { ArrangementCharge, ArrangementStatus, BilledStep, BillingArrangement, FixedFeeArrangement, ProgressArrangement, RetainerArrangement } from './types';

export interface ArrangementContext {
  projectId: string;
  projectName: string;
  today: LocalDate;
  /** The project's (home) currency: every amount of the arrangement is in it. */
  currency: string;
  /** The rate overage is billed at when the arrangement names none. */
  projectRateMinor: number;
  /** The service item and class the arrangement's lines sell. */
  itemId: string;
  classId: string | null;
  /** Synced time of the project on no invoice yet: the lines cover (link) it. */
  unbilled: readonly BillableTime[];
  /** Minutes of all the project's synced, invoiced or paid time per date, billed or not. */
  workedByDate: ReadonlyMap<LocalDate, number>;
  /** Steps already invoiced (invoices not voided, deleted or failed). */
  billed: readonly BilledStep[];
}

export interface ProposedInvoice {
  /** Stable while the same steps are due: the project and the steps. */
  key: string;
  title: string;
  dueOn: LocalDate;
  charges: ArrangementCharge[];
  totalMinor: number;
}

/** The invoices due now, oldest first (a retainer behind by several periods gets one per period). */
export function proposeInvoices(arr: BillingArrangement, ctx: ArrangementContext): ProposedInvoice[] {
  if (arr.kind === 'retainer') return proposeRetainer(arr, ctx);
  if (arr.kind === 'fixedFee') return proposeFixedFee(arr, ctx);
  if (arr.kind === 'progress') return proposeProgress(arr, ctx);
  return [];
}

/** The steps a created invoice billed, from its charge lines (amounts in the home currency). */
export function billedStepsOf(lines: readonly InvoiceLine[], txnDate: LocalDate): BilledStep[] {
  return lines
    .filter((l) => l.kind === 'charge' && l.step !== undefined)
    .map((l) => ({ step: l.step!, amountMinor: l.homeAmountMinor ?? l.amountMinor, minutes: l.minutes ?? 0, txnDate }));
}

type Measures = Omit<ArrangementStatus, 'kind' | 'billedMinor' | 'dueCount'>;
const NO_MEASURES = { usedMinutes: null, includedMinutes: null, totalMinor: null, unearnedMinor: 0, rolledOverMinutes: 0 };

/** Where the arrangement stands: the current period, the estimate or the budget, in numbers and words. */
export function arrangementStatus(arr: BillingArrangement, ctx: ArrangementContext): ArrangementStatus {
  const billedMinor = ctx.billed.reduce((sum, b) => sum + b.amountMinor, 0);
  const dueCount = proposeInvoices(arr, ctx).length;
  const measures: Measures =
    arr.kind === 'retainer' ? retainerStatus(arr, ctx)
    : arr.kind === 'fixedFee' ? fixedFeeStatus(arr, ctx)
    : arr.kind === 'progress' ? progressStatus(arr, ctx)
    : { ...NO_MEASURES, summary: 'Billed by the hour at the project’s rate' };
  return { kind: arr.kind, billedMinor, dueCount, ...measures };
}

/** fee × (1 − min(1, worked / allowance)), rounded half up. */
function unearned(feeMinor: number, worked: number, allowance: number): number {
  if (allowance <= 0 || worked >= allowance) return 0;
  return toSafeNumber(roundHalfUp(BigInt(feeMinor) * BigInt(allowance - worked), BigInt(allowance)));
}

function retainerStatus(arr: RetainerArrangement, ctx: ArrangementContext): Measures {
  const current = periodOf(arr, ctx.today);
  if (!current) {
    const past = periodsThrough(arr, ctx.today).at(-1);
    const summary = past ? `The retainer ended with ${past.label}` : `The retainer starts on ${arr.startDate}`;
    return { ...NO_MEASURES, summary };
  }
  const use = retainerLedger(arr, ctx).at(-1)!;
  const included = arr.allowanceMinutes + use.rolledInMinutes;
  const unearnedMinor = arr.billedInAdvance && isBilled(ctx, `period:${current.key}`) ? unearned(arr.feeMinor, use.workedMinutes, arr.allowanceMinutes) : 0;
  const rolled = use.rolledInMinutes > 0 ? ` (${hoursText(use.rolledInMinutes)} rolled over)` : '';
  const notEarned = unearnedMinor > 0 ? `; ${moneyText(unearnedMinor, ctx.currency)} of the fee not yet earned` : '';
  const summary = `${current.label}: ${hoursText(use.workedMinutes)} of ${hoursText(included)} used${rolled}${notEarned}`;
  return { ...NO_MEASURES, summary, usedMinutes: use.workedMinutes, includedMinutes: included, unearnedMinor, rolledOverMinutes: use.rolledInMinutes };
}

function fixedFeeStatus(arr: FixedFeeArrangement, ctx: ArrangementContext): Measures {
  const { workedMinutes, overMinutes } = fixedFeeUse(arr, ctx);
  const rate = overageRate(arr, ctx);
  const totalMinor = arr.feeMinor + timeAmount(overMinutes, rate, ctx.currency);
  const summary = overMinutes > 0
    ? `${hoursText(overMinutes)} beyond the ${hoursText(arr.estimateMinutes)} estimate (overage at ${moneyText(rate, ctx.currency)} an hour)`
    : `${hoursText(workedMinutes)} of the ${hoursText(arr.estimateMinutes)} estimate used`;
  return { ...NO_MEASURES, summary, usedMinutes: workedMinutes, includedMinutes: arr.estimateMinutes, totalMinor };
}

function progressStatus(arr: ProgressArrangement, ctx: ArrangementContext): Measures {
  const totalMinor = progressTotal(arr, ctx.currency);
  const billed = progressBilled(ctx);
  const hours = arr.budget.kind === 'hours' ? { usedMinutes: totalWorked(ctx), includedMinutes: arr.budget.minutes } : {};
  const summary = `${moneyText(billed, ctx.currency)} of ${moneyText(totalMinor, ctx.currency)} billed${arr.completedOn ? ' (project complete)' : ''}`;
  return { ...NO_MEASURES, ...hours, summary, totalMinor };
}

const totalWorked = (ctx: ArrangementContext): number => [...ctx.workedByDate.values()].reduce((sum, m) => sum + m, 0);
