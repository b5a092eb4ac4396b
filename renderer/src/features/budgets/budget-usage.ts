// What each budgeted project has used: its entries outside the trash (any status; a running timer
// up to now), as billed time under the project's rounding and as the amount at each entry's rate,
// both computed as the rest of the app computes them (shared/rounding/billed, shared/rates/resolve,
// shared/money/multiply), then judged by shared/billing/budget.
import { budgetUse, type BudgetUse } from '../../../../shared/billing/budget';
import type { ProjectBudget } from '../../../../shared/billing/types';
import { multiplyRate } from '../../../../shared/money/multiply';
import { resolveRate, type RateRecord } from '../../../../shared/rates/resolve';
import { billedTimes } from '../../../../shared/rounding/billed';
import type { Repos } from '../../db/repos';
import type { EntryRow, ProjectRow, RoundingPolicy } from '../../db/schema';
import { rateRecords } from '../quickbooks/store/sync-context';

type Budgeted = ProjectRow & { budget: ProjectBudget };

export interface BudgetInputs {
  projects: Array<{ project: Budgeted; entries: EntryRow[] }>;
  rates: RateRecord[];
  rounding: RoundingPolicy;
}

export interface ProjectBudgetUse extends BudgetUse {
  project: Budgeted;
  usedMinutes: number;
  usedAmountMinor: number;
}

/** Reads what the budgets need; inside a live query it re-runs when entries, projects or rates change. */
export async function loadBudgetInputs(repos: Repos): Promise<BudgetInputs> {
  const [all, cards, rounding] = await Promise.all([repos.projects.list(), repos.rates.listAll(), repos.settings.get('rounding')]);
  const budgeted = all.filter((p): p is Budgeted => p.budget !== undefined && p.budget !== null);
  const entries = await Promise.all(budgeted.map((p) => repos.projects.entriesOf(p.id)));
  return { projects: budgeted.map((project, i) => ({ project, entries: entries[i]! })), rates: rateRecords(cards, all), rounding };
}

/** Whether a timer runs on a budgeted project: its use then grows with the clock. */
export const anyRunning = (inputs: BudgetInputs): boolean => inputs.projects.some((p) => p.entries.some((e) => e.end === null));

function used(project: Budgeted, entries: readonly EntryRow[], inputs: BudgetInputs, now: number): { minutes: number; amountMinor: number } {
  const spans = entries.map((e) => ({ id: e.id, projectId: e.projectId, start: e.start, end: e.end ?? Math.max(now, e.start), zone: e.zone }));
  const billed = billedTimes(spans, (id) => (id === project.id ? project : undefined), inputs.rounding);
  let ms = 0;
  let amountMinor = 0;
  for (const e of entries) {
    const billedMs = billed.get(e.id)?.billedMs ?? 0;
    ms += billedMs;
    // The amount is what the time would bill: billable entries on a billable project, at their rate.
    if (!e.billable || !project.billable) continue;
    const rate = resolveRate({ taskId: e.taskId, projectId: project.id, clientId: project.clientId, start: e.start, zone: e.zone }, inputs.rates);
    if (rate && rate.currency === project.currency) amountMinor += multiplyRate(rate.rateMinor, billedMs, rate.currency).amountMinor;
  }
  return { minutes: Math.floor(ms / 60_000), amountMinor };
}

/** Each budgeted project's use at `now`. */
export function budgetUses(inputs: BudgetInputs, now: number, locale?: string): ProjectBudgetUse[] {
  return inputs.projects.map(({ project, entries }) => {
    const { minutes, amountMinor } = used(project, entries, inputs, now);
    const use = budgetUse(project.budget, minutes, amountMinor, { projectName: project.name, currency: project.currency, locale });
    return { ...use, project, usedMinutes: minutes, usedAmountMinor: amountMinor };
  });
}
