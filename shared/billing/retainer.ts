// Retainers: a fee per period with an hours allowance, overage beyond it, unused minutes rolled
// over. Everything is recomputed from the time worked since the first period, so the same data
// always gives the same lines; steps already billed are left out.
//
// Rollover: a finished period's unused allowance is carried to the next periods, but only while the
// carried balance stays within `maxMinutes`, and minutes carried from period i can be used up to
// period i + `expiresAfterPeriods`. A period uses carried minutes first (oldest first), then its
// allowance; minutes beyond both are overage.
import { addLocalDays, type LocalDate } from '../time/local-date';
import { hoursText, isBilled, makeCharge, moneyText, proposal, timeAmount, unbilledBetween, workedBetween } from './charge';
import { periodsThrough, type RetainerPeriod } from './periods';
import type { ArrangementContext, ProposedInvoice } from './propose';
import type { ArrangementCharge, RetainerArrangement } from './types';

export interface PeriodUse {
  period: RetainerPeriod;
  workedMinutes: number;
  /** Carried in from earlier periods and not expired. */
  rolledInMinutes: number;
  /** Beyond the allowance and the rolled-in minutes. */
  overMinutes: number;
}

interface Carried {
  from: number;
  minutes: number;
}

/** Spends `worked` from the carried minutes (oldest first, in place); returns what is left to spend. */
function spendCarried(carried: Carried[], worked: number): number {
  let need = worked;
  for (const c of carried) {
    const take = Math.min(c.minutes, need);
    c.minutes -= take;
    need -= take;
  }
  return need;
}

/** Every period through today with its time, rolled-over minutes and overage, oldest first. */
export function retainerLedger(arr: RetainerArrangement, ctx: ArrangementContext): PeriodUse[] {
  let carried: Carried[] = [];
  return periodsThrough(arr, ctx.today).map((period, i) => {
    const expires = arr.rollover?.expiresAfterPeriods ?? null;
    carried = carried.filter((c) => expires === null || i - c.from <= expires);
    const rolledInMinutes = carried.reduce((sum, c) => sum + c.minutes, 0);
    const workedMinutes = workedBetween(ctx, period.start, period.end);
    const need = spendCarried(carried, workedMinutes);
    carried = carried.filter((c) => c.minutes > 0);
    const unused = Math.max(0, arr.allowanceMinutes - need);
    if (arr.rollover && unused > 0) {
      const balance = carried.reduce((sum, c) => sum + c.minutes, 0);
      const room = arr.rollover.maxMinutes === null ? unused : Math.max(0, arr.rollover.maxMinutes - balance);
      if (Math.min(unused, room) > 0) carried.push({ from: i, minutes: Math.min(unused, room) });
    }
    return { period, workedMinutes, rolledInMinutes, overMinutes: Math.max(0, need - arr.allowanceMinutes) };
  });
}

export const overageRate = (arr: { overageRateMinor: number | null }, ctx: ArrangementContext): number => arr.overageRateMinor ?? ctx.projectRateMinor;

function feeCharge(arr: RetainerArrangement, ctx: ArrangementContext, use: PeriodUse, covers: ArrangementCharge['covers']): ArrangementCharge {
  const { period } = use;
  const description = `Retainer — ${period.label} (${hoursText(arr.allowanceMinutes)} included)`;
  return makeCharge(ctx, { step: `period:${period.key}`, description, amountMinor: arr.feeMinor, serviceDate: period.start, covers });
}

/** A finished period's overage, or its time worked at 0 when within the allowance: its time is covered either way. */
function overageCharge(arr: RetainerArrangement, ctx: ArrangementContext, use: PeriodUse): ArrangementCharge {
  const { period, overMinutes, rolledInMinutes, workedMinutes } = use;
  const rate = overageRate(arr, ctx);
  const rolled = rolledInMinutes > 0 ? ` (${hoursText(rolledInMinutes)} rolled over)` : '';
  const description = overMinutes > 0
    ? `Overage — ${period.label}: ${hoursText(overMinutes)} beyond ${hoursText(arr.allowanceMinutes)}${rolled} × ${moneyText(rate, ctx.currency)}`
    : `Time worked — ${period.label}: ${hoursText(workedMinutes)} of ${hoursText(arr.allowanceMinutes)} included${rolled}`;
  return makeCharge(ctx, {
    step: `overage:${period.key}`, description, amountMinor: timeAmount(overMinutes, rate, ctx.currency),
    minutes: overMinutes, rateMinor: rate, serviceDate: period.end, covers: unbilledBetween(ctx, period.start, period.end),
  });
}

const unbilledOverage = (arr: RetainerArrangement, ctx: ArrangementContext, use: PeriodUse | undefined): ArrangementCharge[] =>
  use && !isBilled(ctx, `overage:${use.period.key}`) ? [overageCharge(arr, ctx, use)] : [];

/** Due invoices, oldest first: one per period whose turn has come, plus a last period's overage in advance. */
export function proposeRetainer(arr: RetainerArrangement, ctx: ArrangementContext): ProposedInvoice[] {
  const uses = retainerLedger(arr, ctx);
  const out: ProposedInvoice[] = [];
  uses.forEach((use, i) => {
    const { period } = use;
    const feeDue = !isBilled(ctx, `period:${period.key}`);
    if (arr.billedInAdvance) {
      const fee = feeDue ? [feeCharge(arr, ctx, use, [])] : [];
      const previous = uses[i - 1];
      const title = fee.length > 0 || !previous ? `Retainer — ${period.label}` : `Overage — ${previous.period.label}`;
      out.push(...proposal(ctx, title, period.start, [...fee, ...unbilledOverage(arr, ctx, previous)]));
    } else if (period.end < ctx.today) {
      const overage = unbilledOverage(arr, ctx, use);
      const fee = feeDue ? [feeCharge(arr, ctx, use, overage[0]?.covers ?? [])] : [];
      out.push(...proposal(ctx, `Retainer — ${period.label}`, dueAfter(period), [...fee, ...overage]));
    }
  });
  const last = uses.at(-1);
  if (arr.billedInAdvance && last && arr.endDate !== null && last.period.end === arr.endDate && arr.endDate < ctx.today) {
    out.push(...proposal(ctx, `Overage — ${last.period.label}`, dueAfter(last.period), unbilledOverage(arr, ctx, last)));
  }
  return out;
}

const dueAfter = (period: RetainerPeriod): LocalDate => addLocalDays(period.end, 1);
