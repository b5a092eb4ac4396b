// Progress billing: a total billed in steps (milestones reached, or percentage complete), each step
// the cumulative share of the total rounded once less what was billed before, and at completion a
// true-up of the total less everything billed, so everything invoiced adds up to the total exactly.
import { roundHalfUp, toSafeNumber } from '../money/money';
import { billedWith, isBilled, makeCharge, moneyText, proposal, timeAmount, unbilledBetween } from './charge';
import type { ArrangementContext, ProposedInvoice } from './propose';
import type { ArrangementCharge, ProgressArrangement } from './types';

const FULL = 10_000;

/** The budget in minor units: the amount, or minutes × rate rounded once. */
export function progressTotal(arr: ProgressArrangement, currency: string): number {
  const { budget } = arr;
  return budget.kind === 'amount' ? budget.amountMinor : timeAmount(budget.minutes, budget.rateMinor, currency);
}

const shareOf = (total: number, basisPoints: number): number => toSafeNumber(roundHalfUp(BigInt(total) * BigInt(basisPoints), BigInt(FULL)));
const percentText = (basisPoints: number): string => `${basisPoints / 100}%`;

/** Everything billed by the progress steps so far. */
export const progressBilled = (ctx: ArrangementContext): number =>
  ['milestone:', 'percent:', 'trueup'].flatMap((p) => billedWith(ctx, p)).reduce((sum, b) => sum + b.amountMinor, 0);

type Step = Pick<ArrangementCharge, 'step' | 'description' | 'amountMinor' | 'serviceDate'>;

/** Reached milestones not billed yet, in the order they were reached; amounts continue from `billed`. */
function milestoneSteps(arr: ProgressArrangement, ctx: ArrangementContext, total: number, billed: number): Step[] {
  const isDone = (id: string) => isBilled(ctx, `milestone:${id}`);
  let basisPoints = arr.milestones.filter((m) => isDone(m.id)).reduce((sum, m) => sum + m.basisPoints, 0);
  let running = billed;
  const due = arr.milestones
    .map((m, index) => ({ m, index }))
    .filter(({ m }) => m.reachedOn !== null && m.reachedOn <= ctx.today && !isDone(m.id))
    .sort((a, b) => (a.m.reachedOn! < b.m.reachedOn! ? -1 : a.m.reachedOn! > b.m.reachedOn! ? 1 : a.index - b.index));
  return due.map(({ m }) => {
    basisPoints += m.basisPoints;
    const amountMinor = shareOf(total, basisPoints) - running;
    running += amountMinor;
    const description = `Milestone: ${m.name} (${percentText(m.basisPoints)} of ${moneyText(total, ctx.currency)})`;
    return { step: `milestone:${m.id}`, description, amountMinor, serviceDate: m.reachedOn! };
  });
}

/** The stated percentage complete, when beyond what was billed. */
function percentSteps(arr: ProgressArrangement, ctx: ArrangementContext, total: number, billed: number): Step[] {
  const stated = arr.completeBasisPoints;
  const billedPoints = Math.max(0, ...billedWith(ctx, 'percent:').map((b) => Number(b.step.slice('percent:'.length))));
  if (stated <= billedPoints) return [];
  const description = `Progress — ${ctx.projectName}: ${percentText(stated)} complete (of ${moneyText(total, ctx.currency)})`;
  return [{ step: `percent:${stated}`, description, amountMinor: shareOf(total, stated) - billed, serviceDate: ctx.today }];
}

/** Milestones or percentage due, then at completion the true-up: one invoice covering the time so far. */
export function proposeProgress(arr: ProgressArrangement, ctx: ArrangementContext): ProposedInvoice[] {
  // After the true-up the budget is fully invoiced: nothing more is due.
  if (isBilled(ctx, 'trueup')) return [];
  const total = progressTotal(arr, ctx.currency);
  const billed = progressBilled(ctx);
  const steps = arr.mode === 'milestones' ? milestoneSteps(arr, ctx, total, billed) : percentSteps(arr, ctx, total, billed);
  const covers = unbilledBetween(ctx, '0000-01-01', ctx.today);
  const completed = arr.completedOn;
  if (completed !== null && completed <= ctx.today) {
    const trueUp = total - billed - steps.reduce((sum, s) => sum + s.amountMinor, 0);
    if (trueUp !== 0 || covers.length > 0 || steps.length > 0) {
      steps.push({ step: 'trueup', description: `Final true-up — ${ctx.projectName}`, amountMinor: trueUp, serviceDate: completed });
    }
  }
  return proposal(ctx, `Progress billing — ${ctx.projectName}`, ctx.today, steps.map((s) => makeCharge(ctx, { ...s, covers })));
}
