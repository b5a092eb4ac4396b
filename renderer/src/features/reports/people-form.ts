// What the People and costs settings check before saving: a weekly capacity typed as hours, a cost
// rate from a date, the utilization target. Pure, so the section stays thin; each problem is said
// in words next to its field.
import { formatDuration, parseDuration } from '../../../../shared/time/duration';
import { isLocalDate } from '../../../../shared/time/local-date';
import type { CostRate } from '../../../../shared/reports/types';
import { parseMoneyInput } from '../settings/money-input';
import type { PersonSettings } from './store/people';

type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const WEEK_HOURS = 7 * 24;

/** "40", "37:30", "37.5h" → minutes a week; at most the week's 168 hours. */
export function parseCapacity(text: string): Checked<number> {
  const parsed = parseDuration(text, { maxHours: WEEK_HOURS });
  return parsed.ok ? { ok: true, value: parsed.minutes } : { ok: false, error: parsed.error.replace('A duration', 'Weekly hours') };
}

/** Minutes a week as the field shows them: "40:00". */
export const capacityText = (minutes: number): string => formatDuration(minutes * 60_000);

/** A whole percent from 1 to 100. */
export function parseTarget(text: string): Checked<number> {
  const trimmed = text.trim().replace(/%$/, '').trim();
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isInteger(value) || value < 1 || value > 100) return { ok: false, error: 'Enter a whole percent from 1 to 100, like 75.' };
  return { ok: true, value };
}

export interface CostRateErrors {
  date?: string;
  rate?: string;
}

/** A cost rate from a date, or what is wrong with the date and the amount. */
export function checkCostRate(date: string, rateText: string, currency: string): { ok: true; rate: CostRate } | { ok: false; errors: CostRateErrors } {
  const errors: CostRateErrors = {};
  if (!isLocalDate(date)) errors.date = 'Choose the date this cost starts on.';
  const rate = parseMoneyInput(rateText, currency);
  if (!rate.ok) errors.rate = rate.error.replace('A rate', 'A cost');
  if (errors.date || !rate.ok) return { ok: false, errors };
  return { ok: true, rate: { effectiveFrom: date, rateMinor: rate.minor } };
}

/** The person with the cost rate added, replacing one from the same date; oldest first. */
export function addCostRate(person: PersonSettings, rate: CostRate): PersonSettings {
  const others = person.costRates.filter((r) => r.effectiveFrom !== rate.effectiveFrom);
  return { ...person, costRates: [...others, rate].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)) };
}
