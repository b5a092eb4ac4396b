// How much of a project's budget its time has used, and whether that calls for a warning (80%) or
// says it is over (100%). Pure: the budget watcher and the project list read the same figures.
import { formatMoney } from '../money/money';
import { formatDuration } from '../time/duration';
import type { ProjectBudget } from './types';

type BudgetLevel = 'ok' | 'warning' | 'over';

export interface BudgetUse {
  /** Used ÷ limit in basis points (10000 = 100%), rounded down, so 79.99% is 7999. */
  fraction: number;
  level: BudgetLevel;
  /** "Website redesign has used 82% of its 40:00 h budget (32:48 h)." */
  words: string;
}

const WARNING_AT = 8000;
const OVER_AT = 10000;

/** Basis points of `used` over `limit`, exact with integers (amounts in minor units can be large). */
function basisPoints(used: number, limit: number): number {
  if (limit <= 0) return used > 0 ? OVER_AT : 0;
  return Number((BigInt(Math.max(0, Math.trunc(used))) * 10000n) / BigInt(Math.trunc(limit)));
}

function budgetLevel(fraction: number): BudgetLevel {
  return fraction >= OVER_AT ? 'over' : fraction >= WARNING_AT ? 'warning' : 'ok';
}

/** "40:00 h" or "$5,000.00": a budget's limit (or what it has used) in the budget's own unit. */
export function budgetAmountText(budget: ProjectBudget, value: number, currency: string, locale?: string): string {
  return budget.kind === 'hours' ? `${formatDuration(value * 60_000)} h` : formatMoney({ amountMinor: value, currency }, locale);
}

/**
 * What the budget has used: minutes for an hours budget, the amount at each entry's rate for an
 * amount budget. `about` names the project and its currency for the words.
 */
export function budgetUse(
  budget: ProjectBudget,
  usedMinutes: number,
  usedAmountMinor: number,
  about: { projectName: string; currency: string; locale?: string },
): BudgetUse {
  const used = budget.kind === 'hours' ? usedMinutes : usedAmountMinor;
  const fraction = basisPoints(used, budget.limit);
  const level = budgetLevel(fraction);
  const limitText = budgetAmountText(budget, budget.limit, about.currency, about.locale);
  const usedText = budgetAmountText(budget, Math.max(0, used), about.currency, about.locale);
  const percent = Math.floor(fraction / 100);
  const words = level === 'over'
    ? `${about.projectName} has used ${percent}% of its ${limitText} budget (${usedText}): it is over budget.`
    : `${about.projectName} has used ${percent}% of its ${limitText} budget (${usedText}).`;
  return { fraction, level, words };
}
