// Helpers the arrangements share: lines in words, amounts at a rate, the time a line covers and
// a proposal from its lines.
import type { BillableTime } from '../invoice/types';
import { formatMoney } from '../money/money';
import { multiplyRate } from '../money/multiply';
import { formatDuration } from '../time/duration';
import type { LocalDate } from '../time/local-date';
import type { ArrangementContext, ProposedInvoice } from './propose';
import type { ArrangementCharge, StepKey } from './types';

/** "20:00 h". */
export const hoursText = (minutes: number): string => `${formatDuration(minutes * 60_000)} h`;

export const moneyText = (amountMinor: number, currency: string): string => formatMoney({ amountMinor, currency }, 'en');

/** round-half-up(minutes × hourly rate / 60) in minor units. */
export const timeAmount = (minutes: number, rateMinor: number, currency: string): number => multiplyRate(rateMinor, minutes * 60_000, currency).amountMinor;

/** Unbilled time dated from `from` through `to` (inclusive), in start order. */
export function unbilledBetween(ctx: ArrangementContext, from: LocalDate, to: LocalDate): BillableTime[] {
  return ctx.unbilled.filter((p) => p.localDate >= from && p.localDate <= to).sort((a, b) => a.start - b.start);
}

/** Minutes worked (billed or not) from `from` through `to` (inclusive). */
export function workedBetween(ctx: ArrangementContext, from: LocalDate, to: LocalDate): number {
  let minutes = 0;
  for (const [date, m] of ctx.workedByDate) if (date >= from && date <= to) minutes += m;
  return minutes;
}

export function isBilled(ctx: ArrangementContext, step: StepKey): boolean {
  return ctx.billed.some((b) => b.step === step);
}

/** The billed steps whose key starts with `prefix`. */
export const billedWith = (ctx: ArrangementContext, prefix: string) => ctx.billed.filter((b) => b.step.startsWith(prefix));

type ChargeFields = Pick<ArrangementCharge, 'step' | 'description' | 'amountMinor' | 'serviceDate' | 'covers'> & Partial<Pick<ArrangementCharge, 'minutes' | 'rateMinor'>>;

export function makeCharge(ctx: ArrangementContext, fields: ChargeFields): ArrangementCharge {
  return { projectId: ctx.projectId, projectName: ctx.projectName, minutes: null, rateMinor: null, itemId: ctx.itemId, classId: ctx.classId, ...fields };
}

/** A proposal of these lines, or none when there are none; its key names the project and steps. */
export function proposal(ctx: ArrangementContext, title: string, dueOn: LocalDate, charges: ArrangementCharge[]): ProposedInvoice[] {
  if (charges.length === 0) return [];
  const key = `${ctx.projectId}:${charges.map((c) => c.step).join('+')}`;
  return [{ key, title, dueOn, charges, totalMinor: charges.reduce((sum, c) => sum + c.amountMinor, 0) }];
}
