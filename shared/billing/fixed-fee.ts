// Fixed fee with overage. The fee is invoiced at the start or at completion; time beyond the
// estimate is overage at the overage rate, billed cumulatively: each overage invoice is
// round(all minutes over × rate) less the overage already billed, so the invoices always add up to
// fee + round(total over × rate) whatever the number of overage invoices.
import { billedWith, hoursText, isBilled, makeCharge, moneyText, proposal, timeAmount, unbilledBetween, workedBetween } from './charge';
import type { ArrangementContext, ProposedInvoice } from './propose';
import { overageRate } from './retainer';
import type { ArrangementCharge, FixedFeeArrangement } from './types';

const EVER = '0000-01-01';

/** Minutes worked in all, and beyond the estimate. */
export function fixedFeeUse(arr: FixedFeeArrangement, ctx: ArrangementContext): { workedMinutes: number; overMinutes: number } {
  const workedMinutes = workedBetween(ctx, EVER, '9999-12-31');
  return { workedMinutes, overMinutes: Math.max(0, workedMinutes - arr.estimateMinutes) };
}

function overageCharge(arr: FixedFeeArrangement, ctx: ArrangementContext, overMinutes: number, covers: ArrangementCharge['covers']): ArrangementCharge[] {
  const billed = billedWith(ctx, 'overage:');
  const minutesBilled = billed.reduce((sum, b) => sum + b.minutes, 0);
  if (overMinutes <= minutesBilled) return [];
  const rate = overageRate(arr, ctx);
  const amountMinor = timeAmount(overMinutes, rate, ctx.currency) - billed.reduce((sum, b) => sum + b.amountMinor, 0);
  const minutes = overMinutes - minutesBilled;
  const description = `Overage — ${ctx.projectName}: ${hoursText(minutes)} beyond the ${hoursText(arr.estimateMinutes)} estimate × ${moneyText(rate, ctx.currency)}`;
  return [makeCharge(ctx, { step: `overage:${billed.length + 1}`, description, amountMinor, minutes, rateMinor: rate, serviceDate: ctx.today, covers })];
}

/** After completion, time not on any invoice yet is covered by a line at 0 (it is part of the fee). */
function workedCharge(ctx: ArrangementContext, covers: ArrangementCharge['covers']): ArrangementCharge[] {
  if (covers.length === 0) return [];
  const step = `worked:${billedWith(ctx, 'worked:').length + 1}`;
  return [makeCharge(ctx, { step, description: `Time worked — ${ctx.projectName} (within the fixed fee)`, amountMinor: 0, serviceDate: ctx.today, covers })];
}

/** The fee when due, overage when the time worked beyond the estimate grew: one invoice. */
export function proposeFixedFee(arr: FixedFeeArrangement, ctx: ArrangementContext): ProposedInvoice[] {
  const covers = unbilledBetween(ctx, EVER, ctx.today);
  const feeDue = !isBilled(ctx, 'fee') && (arr.feeBilled === 'upfront' || arr.completedOn !== null);
  const description = `Fixed fee — ${ctx.projectName} (estimate ${hoursText(arr.estimateMinutes)})`;
  const fee = feeDue ? [makeCharge(ctx, { step: 'fee', description, amountMinor: arr.feeMinor, serviceDate: arr.completedOn ?? ctx.today, covers })] : [];
  const charges = [...fee, ...overageCharge(arr, ctx, fixedFeeUse(arr, ctx).overMinutes, covers)];
  if (charges.length === 0 && arr.completedOn !== null && isBilled(ctx, 'fee')) charges.push(...workedCharge(ctx, covers));
  return proposal(ctx, `Fixed fee — ${ctx.projectName}`, arr.completedOn ?? ctx.today, charges);
}
