// Writes behind the project and client forms: module functions (not component handlers) so the
// clock and ids stay out of render, and tests can call them with fake repositories.
import type { Repos } from '../../db/repos';
import type { ProjectRow, RateScope, RoundingPolicy } from '../../db/schema';
import type { BillingArrangement, ProjectBudget } from '../../../../shared/billing/types';
import { checkEffectiveDate, checkName, checkOptionalRate, FROM_THE_START } from './rules';
import { parseMoneyInput } from '../settings/money-input';

export type FieldErrors = Partial<Record<'name' | 'client' | 'newClient' | 'rate' | 'date', string>>;
export type Saved<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export interface ProjectDraft {
  id?: string;
  name: string;
  /** An existing client id, '' for none, or NEW_CLIENT with `newClientName`. */
  clientId: string;
  newClientName: string;
  color: string;
  billable: boolean;
  /** Only when creating: the project's first rate, from the start. */
  rateText: string;
  rounding: Partial<RoundingPolicy> | null;
  defaultTaskId: string | null;
  /** How the project is billed, and its budget (null: none); checked by billing-form.ts first. */
  billing: BillingArrangement;
  budget: ProjectBudget | null;
}

export const NEW_CLIENT = '__new__';

export async function saveProject(repos: Repos, draft: ProjectDraft, currency: string): Promise<Saved<ProjectRow>> {
  const errors: FieldErrors = {};
  const [clients, projects] = await Promise.all([repos.clients.list({ includeArchived: true }), repos.projects.list({ includeArchived: true })]);
  const creatingClient = draft.clientId === NEW_CLIENT;
  if (creatingClient) {
    const problem = checkName(draft.newClientName, clients, 'client');
    if (problem) errors.newClient = problem;
  }
  const clientId = creatingClient || draft.clientId === '' ? null : draft.clientId;
  const siblings = creatingClient ? [] : projects.filter((p) => p.clientId === clientId);
  const nameProblem = checkName(draft.name, siblings, 'project', draft.id);
  if (nameProblem) errors.name = nameProblem;
  const rate = draft.id ? ({ ok: true, minor: null } as const) : checkOptionalRate(draft.rateText, currency);
  if (!rate.ok) errors.rate = rate.error;
  if (Object.keys(errors).length > 0 || !rate.ok) return { ok: false, errors };

  const finalClientId = creatingClient ? (await repos.clients.create({ name: draft.newClientName.trim() })).id : clientId;
  const fields = {
    name: draft.name.trim(),
    clientId: finalClientId,
    color: draft.color,
    billable: draft.billable,
    rounding: draft.rounding,
    defaultTaskId: draft.defaultTaskId,
    billing: draft.billing,
    budget: draft.budget ?? undefined,
  };
  if (draft.id) return { ok: true, value: await repos.projects.update(draft.id, fields) };
  const created = await repos.projects.create({ ...fields, currency });
  if (rate.minor !== null) {
    await repos.rates.add({ scope: 'project', scopeId: created.id, rateMinor: rate.minor, currency, effectiveFrom: FROM_THE_START });
  }
  return { ok: true, value: created };
}

export async function saveClient(repos: Repos, name: string, id?: string): Promise<Saved<string>> {
  const problem = checkName(name, await repos.clients.list({ includeArchived: true }), 'client', id);
  if (problem) return { ok: false, errors: { name: problem } };
  if (id) await repos.clients.update(id, { name: name.trim() });
  else return { ok: true, value: (await repos.clients.create({ name: name.trim() })).id };
  return { ok: true, value: id };
}

export async function saveTask(repos: Repos, projectId: string, name: string, id?: string): Promise<Saved<string>> {
  const problem = checkName(name, await repos.tasks.listForProject(projectId, { includeArchived: true }), 'task', id);
  if (problem) return { ok: false, errors: { name: problem } };
  if (id) {
    await repos.tasks.update(id, { name: name.trim() });
    return { ok: true, value: id };
  }
  return { ok: true, value: (await repos.tasks.create({ projectId, name: name.trim() })).id };
}

/** "Change rate from <date>": a new card; the earlier ones stay for the work done before. */
export async function changeRate(
  repos: Repos,
  card: { scope: RateScope; scopeId: string | null; rateText: string; currency: string; effectiveFrom: string },
): Promise<Saved<null>> {
  const errors: FieldErrors = {};
  const parsed = parseMoneyInput(card.rateText, card.currency);
  if (!parsed.ok) errors.rate = parsed.error;
  const dateProblem = checkEffectiveDate(card.effectiveFrom);
  if (dateProblem) errors.date = dateProblem;
  if (!parsed.ok || dateProblem) return { ok: false, errors };
  await repos.rates.add({ scope: card.scope, scopeId: card.scopeId, rateMinor: parsed.minor, currency: card.currency, effectiveFrom: card.effectiveFrom });
  return { ok: true, value: null };
}
