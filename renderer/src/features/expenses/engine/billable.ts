// What invoicing bills of expenses: pushed billable expenses whose ReimburseCharge QuickBooks made
// and no invoice holds yet, each sold as the reimbursable service item chosen for the company.
import type { BillableExpense } from '../../../../../shared/invoice/types';
import type { LocalDate } from '../../../../../shared/time/local-date';
import type { Repos } from '../../../db/repos';

type Deps = Pick<Repos, 'expenses' | 'settings' | 'mirrorOf'>;

/** The chosen reimbursable item, else an active service item named like "Reimbursable expenses"; null when none. */
export async function reimbursableItemOf(repos: Deps, companyId: string): Promise<string | null> {
  const chosen = (await repos.settings.get('reimbursableItem'))[companyId];
  if (chosen) return chosen;
  const items = await repos.mirrorOf(companyId).list('item');
  return items.find((i) => (i.subtype ?? 'Service') === 'Service' && /reimburs/i.test(i.name))?.id ?? null;
}

/**
 * Billable expenses of the company dated up to `through`, each with its project's customer, for
 * the invoice preview. Empty when no reimbursable item is known (the Expenses screen asks for one).
 */
export async function billableExpenses(repos: Deps, companyId: string, through: LocalDate): Promise<BillableExpense[]> {
  const itemId = await reimbursableItemOf(repos, companyId);
  if (!itemId) return [];
  const [rows, projects, categories] = await Promise.all([repos.expenses.billable(companyId), repos.expenses.projects(), repos.settings.get('expenseCategories')]);
  const customerOf = new Map(projects.map((p) => [p.id, p.qboCustomerId]));
  const categoryName = new Map(categories.map((c) => [c.id, c.name]));
  return rows
    .filter((r) => r.localDate <= through && r.projectId && customerOf.get(r.projectId))
    .sort((a, b) => a.localDate.localeCompare(b.localDate) || a.createdAt - b.createdAt)
    .map((r) => ({
      expenseId: r.id,
      reimburseChargeId: r.reimburseChargeId!,
      customerId: customerOf.get(r.projectId!)!,
      projectId: r.projectId,
      localDate: r.localDate,
      amountMinor: r.amountMinor,
      description: [categoryName.get(r.categoryId), r.note].filter(Boolean).join(': '),
      itemId,
    }));
}
