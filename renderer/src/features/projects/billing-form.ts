// The project's billing arrangement and budget as the editor holds them (text as typed) and back,
// with what is wrong in plain words. Money is read digit by digit into minor units of the project's
// currency; hours as "20", "20:30" or "20.5".
import type { BillingArrangement, ArrangementKind, Milestone, ProjectBudget } from '../../../../shared/billing/types';
import { formatMoney } from '../../../../shared/money/money';
import { multiplyRate } from '../../../../shared/money/multiply';
import { formatDuration, parseDuration } from '../../../../shared/time/duration';
import { isLocalDate } from '../../../../shared/time/local-date';
import { minorToInput, parseMoneyInput } from '../settings/money-input';
import { navigatorLocale } from './rules';

export interface MilestoneText {
  id: string;
  name: string;
  percent: string;
  reachedOn: string | null;
}

export interface BillingText {
  kind: ArrangementKind;
  retainer: {
    period: 'monthly' | 'quarterly'; startDate: string; endDate: string; fee: string; allowance: string; overageRate: string;
    rollover: boolean; rolloverCap: string; rolloverExpiry: string; billedInAdvance: boolean; autoCreate: boolean;
  };
  fixedFee: { fee: string; estimate: string; overageRate: string; feeBilled: 'upfront' | 'onCompletion'; completedOn: string | null };
  progress: {
    budgetKind: 'amount' | 'hours'; amount: string; hours: string; rate: string;
    estimate: { companyId: string; id: string; docNumber: string | null } | null;
    mode: 'milestones' | 'percent'; milestones: MilestoneText[]; complete: string; completedOn: string | null;
  };
  budget: { kind: '' | 'hours' | 'amount'; limit: string };
}

export type BillingErrors = Partial<Record<string, string>>;

/** Hours allowances and budgets are totals, not entries: well beyond a day. */
const MAX_HOURS = 100_000;

const money = (minor: number | null | undefined, currency: string) => (minor === null || minor === undefined ? '' : minorToInput(minor, currency));
const hours = (minutes: number | null | undefined) => (minutes === null || minutes === undefined ? '' : formatDuration(minutes * 60_000));
const percentText = (bp: number) => (bp % 100 === 0 ? String(bp / 100) : (bp / 100).toFixed(2).replace(/0$/, ''));

/** The form's text for a stored arrangement and budget; every kind gets its fields, so switching keeps what was typed. */
export function billingTextOf(billing: BillingArrangement | undefined, budget: ProjectBudget | undefined, currency: string, today: string): BillingText {
  const b = billing ?? { kind: 'hourly' };
  const r = b.kind === 'retainer' ? b : null;
  const f = b.kind === 'fixedFee' ? b : null;
  const p = b.kind === 'progress' ? b : null;
  return {
    kind: b.kind,
    retainer: {
      period: r?.period ?? 'monthly', startDate: r?.startDate ?? today, endDate: r?.endDate ?? '', fee: money(r?.feeMinor, currency),
      allowance: hours(r?.allowanceMinutes), overageRate: money(r?.overageRateMinor, currency), rollover: Boolean(r?.rollover),
      rolloverCap: hours(r?.rollover?.maxMinutes), rolloverExpiry: r?.rollover?.expiresAfterPeriods?.toString() ?? '',
      billedInAdvance: r?.billedInAdvance ?? true, autoCreate: r?.autoCreate ?? false,
    },
    fixedFee: { fee: money(f?.feeMinor, currency), estimate: hours(f?.estimateMinutes), overageRate: money(f?.overageRateMinor, currency), feeBilled: f?.feeBilled ?? 'onCompletion', completedOn: f?.completedOn ?? null },
    progress: {
      budgetKind: p?.budget.kind ?? 'amount',
      amount: p?.budget.kind === 'amount' ? money(p.budget.amountMinor, currency) : '',
      hours: p?.budget.kind === 'hours' ? hours(p.budget.minutes) : '',
      rate: p?.budget.kind === 'hours' ? money(p.budget.rateMinor, currency) : '',
      estimate: p?.estimate ?? null, mode: p?.mode ?? 'milestones',
      milestones: (p?.milestones ?? []).map((m) => ({ id: m.id, name: m.name, percent: percentText(m.basisPoints), reachedOn: m.reachedOn })),
      complete: percentText(p?.completeBasisPoints ?? 0), completedOn: p?.completedOn ?? null,
    },
    budget: { kind: budget?.kind ?? '', limit: budget ? (budget.kind === 'hours' ? hours(budget.limit) : money(budget.limit, currency)) : '' },
  };
}

/** Reads the form's fields one by one, collecting what is wrong under each field's key. */
class Reader {
  readonly errors: BillingErrors = {};
  constructor(private readonly currency: string) {}

  money(key: string, text: string, what: string, optional = false): number | null {
    if (optional && text.trim() === '') return null;
    if (text.trim() === '') return this.fail(key, `Enter the ${what}, like 2,000.00.`);
    const parsed = parseMoneyInput(text, this.currency);
    if (!parsed.ok) return this.fail(key, parsed.error.replace('A rate cannot', 'An amount cannot'));
    if (!optional && parsed.minor === 0) return this.fail(key, `The ${what} must be more than zero.`);
    return parsed.minor;
  }

  hours(key: string, text: string, what: string, optional = false): number | null {
    if (optional && text.trim() === '') return null;
    if (text.trim() === '') return this.fail(key, `Enter the ${what} in hours, like 20 or 20:30.`);
    const parsed = parseDuration(text, { maxHours: MAX_HOURS });
    if (!parsed.ok) return this.fail(key, parsed.error);
    if (parsed.minutes === 0 && !optional) return this.fail(key, `The ${what} must be more than zero hours.`);
    return parsed.minutes;
  }

  /** "25", "12.5" or "12.5%" → basis points, from 0 to 100%. */
  percent(key: string, text: string): number | null {
    const m = /^(\d{1,3})(?:\.(\d{1,2}))?\s*%?$/.exec(text.trim());
    const bp = m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : NaN;
    if (!Number.isInteger(bp) || bp > 10000) return this.fail(key, 'Enter a percentage from 0 to 100, like 25 or 12.5.');
    return bp;
  }

  date(key: string, text: string, what: string, optional = false): string | null {
    if (optional && text === '') return null;
    return isLocalDate(text) ? text : this.fail(key, `Choose the ${what}.`);
  }

  fail(key: string, message: string): null {
    this.errors[key] ??= message;
    return null;
  }
}

function readRetainer(t: BillingText['retainer'], r: Reader): BillingArrangement | null {
  const startDate = r.date('retainerStart', t.startDate, 'date the first period starts');
  const endDate = r.date('retainerEnd', t.endDate, 'last day billed', true);
  if (startDate && endDate && endDate < startDate) r.fail('retainerEnd', 'The last day billed is before the first period starts.');
  const feeMinor = r.money('retainerFee', t.fee, `${t.period === 'monthly' ? 'monthly' : 'quarterly'} amount`);
  const allowanceMinutes = r.hours('retainerAllowance', t.allowance, 'hours included', true) ?? 0;
  const overageRateMinor = r.money('retainerOverage', t.overageRate, 'overage rate', true);
  const maxMinutes = t.rollover ? r.hours('rolloverCap', t.rolloverCap, 'most hours carried over', true) : null;
  let expiresAfterPeriods: number | null = null;
  if (t.rollover && t.rolloverExpiry.trim() !== '') {
    expiresAfterPeriods = /^\d{1,3}$/.test(t.rolloverExpiry.trim()) && Number(t.rolloverExpiry) > 0 ? Number(t.rolloverExpiry) : r.fail('rolloverExpiry', 'Enter how many periods carried-over hours last, like 3, or leave it empty to keep them.');
  }
  if (startDate === null || feeMinor === null) return null;
  return {
    kind: 'retainer', period: t.period, startDate, endDate, feeMinor, allowanceMinutes, overageRateMinor,
    rollover: t.rollover ? { maxMinutes, expiresAfterPeriods } : null, billedInAdvance: t.billedInAdvance, autoCreate: t.autoCreate,
  };
}

function readFixedFee(t: BillingText['fixedFee'], r: Reader): BillingArrangement | null {
  const feeMinor = r.money('fixedFee', t.fee, 'fixed price');
  const estimateMinutes = r.hours('fixedEstimate', t.estimate, 'estimated hours');
  const overageRateMinor = r.money('fixedOverage', t.overageRate, 'overage rate', true);
  if (feeMinor === null || estimateMinutes === null) return null;
  return { kind: 'fixedFee', feeMinor, estimateMinutes, overageRateMinor, feeBilled: t.feeBilled, completedOn: t.completedOn };
}

function readMilestones(list: readonly MilestoneText[], r: Reader): Milestone[] {
  const milestones = list.map((m, i): Milestone => {
    if (m.name.trim() === '') r.fail(`milestone-${m.id}`, `Milestone ${i + 1} needs a name.`);
    const basisPoints = r.percent(`milestone-${m.id}`, m.percent) ?? 0;
    return { id: m.id, name: m.name.trim(), basisPoints, reachedOn: m.reachedOn };
  });
  const sum = milestones.reduce((s, m) => s + m.basisPoints, 0);
  if (sum > 10000) r.fail('milestones', `The milestones add up to ${percentText(sum)}%; together they can be at most 100% of the budget.`);
  return milestones;
}

function readProgress(t: BillingText['progress'], r: Reader): BillingArrangement | null {
  let budget: Extract<BillingArrangement, { kind: 'progress' }>['budget'] | null = null;
  if (t.budgetKind === 'amount') {
    const amountMinor = r.money('progressAmount', t.amount, 'budget');
    budget = amountMinor === null ? null : { kind: 'amount', amountMinor };
  } else {
    const minutes = r.hours('progressHours', t.hours, 'budgeted hours');
    const rateMinor = r.money('progressRate', t.rate, 'hourly rate');
    budget = minutes === null || rateMinor === null ? null : { kind: 'hours', minutes, rateMinor };
  }
  const milestones = readMilestones(t.milestones, r);
  if (t.mode === 'milestones' && milestones.length === 0) r.fail('milestones', 'Add at least one milestone, or bill by percentage complete.');
  const completeBasisPoints = t.mode === 'percent' ? (r.percent('progressComplete', t.complete) ?? 0) : 0;
  if (budget === null) return null;
  return { kind: 'progress', budget, estimate: t.estimate, mode: t.mode, milestones, completeBasisPoints, completedOn: t.completedOn };
}

function readBudget(t: BillingText['budget'], r: Reader): ProjectBudget | null {
  if (t.kind === '') return null;
  const limit = t.kind === 'hours' ? r.hours('budgetLimit', t.limit, 'budget') : r.money('budgetLimit', t.limit, 'budget');
  return limit === null ? null : { kind: t.kind, limit };
}

/** The arrangement and budget the form says, or what to fix (keyed by field). */
export function readBilling(t: BillingText, currency: string): { billing: BillingArrangement; budget: ProjectBudget | null; errors: BillingErrors } {
  const r = new Reader(currency);
  const billing =
    t.kind === 'retainer' ? readRetainer(t.retainer, r)
    : t.kind === 'fixedFee' ? readFixedFee(t.fixedFee, r)
    : t.kind === 'progress' ? readProgress(t.progress, r)
    : ({ kind: 'hourly' } as const);
  const budget = readBudget(t.budget, r);
  return { billing: billing ?? { kind: 'hourly' }, budget, errors: r.errors };
}

/** A few words for the project list: "Retainer $2,000.00/month, 20:00 h", "Fixed fee $8,000.00 for 40:00 h". */
export function arrangementWords(billing: BillingArrangement | undefined, currency: string, locale = navigatorLocale()): string {
  const amount = (minor: number) => formatMoney({ amountMinor: minor, currency }, locale);
  const b = billing ?? { kind: 'hourly' };
  switch (b.kind) {
    case 'hourly':
      return 'Hourly';
    case 'retainer':
      return `Retainer ${amount(b.feeMinor)}/${b.period === 'monthly' ? 'month' : 'quarter'}${b.allowanceMinutes > 0 ? `, ${hours(b.allowanceMinutes)} h` : ''}`;
    case 'fixedFee':
      return `Fixed fee ${amount(b.feeMinor)} for ${hours(b.estimateMinutes)} h${b.completedOn ? ', complete' : ''}`;
    case 'progress': {
      const total = b.budget.kind === 'amount' ? b.budget.amountMinor : multiplyRate(b.budget.rateMinor, b.budget.minutes * 60_000, currency).amountMinor;
      const reached = b.milestones.filter((m) => m.reachedOn).length;
      const step = b.completedOn ? 'complete' : b.mode === 'percent' ? `${percentText(b.completeBasisPoints)}% complete` : `${reached} of ${b.milestones.length} milestones reached`;
      return `Progress billing ${amount(total)}, ${step}`;
    }
  }
}
