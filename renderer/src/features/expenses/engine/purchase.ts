// What an expense becomes in QuickBooks (a Purchase paid from the chosen bank or credit card
// account, one line on the category's expense account, billable to the project's customer), and
// the pre-flight that says in bookkeeper words what stops it from being sent.
import { minorToDecimalNumber } from '../../../../../shared/qbo/decimal';
import type { QboPurchaseLine } from '../../../../../shared/qbo/types';
import type { Repos } from '../../../db/repos';
import type { ExpenseRow, ProjectRow } from '../../../db/schema';
import type { Entity } from '../../quickbooks/engine/qbo-port';
import type { MirrorAccount } from '../../quickbooks/store/mirror-repo';

/** Account types an expense category may post to, and expenses may be paid from. */
export const EXPENSE_ACCOUNT_TYPES: readonly string[] = ['Expense', 'Other Expense', 'Cost of Goods Sold'];
export const PAYMENT_ACCOUNT_TYPES: readonly string[] = ['Bank', 'Credit Card'];

/** One company's settings and QuickBooks lists, read once per push run. */
export interface PurchaseContext {
  categories: ReadonlyMap<string, { name: string; accountId: string | undefined }>;
  paymentAccountId: string | undefined;
  accounts: ReadonlyMap<string, MirrorAccount>;
  customers: ReadonlyMap<string, { name: string; active: boolean }>;
  projects: ReadonlyMap<string, ProjectRow>;
  homeCurrency: string;
}

export async function loadPurchaseContext(repos: Pick<Repos, 'settings' | 'mirrorOf' | 'expenses'>, companyId: string, fallbackCurrency: string): Promise<PurchaseContext> {
  const mirror = repos.mirrorOf(companyId);
  const [categories, payment, accounts, customers, prefs, projects] = await Promise.all([
    repos.settings.get('expenseCategories'),
    repos.settings.get('expensePaymentAccount'),
    mirror.accounts(),
    mirror.list('customer', { includeInactive: true }),
    mirror.preferences(),
    repos.expenses.projects(),
  ]);
  return {
    categories: new Map(categories.map((c) => [c.id, { name: c.name, accountId: c.accounts[companyId] }])),
    paymentAccountId: payment[companyId],
    accounts: new Map((accounts ?? []).map((a) => [a.id, a])),
    customers: new Map(customers.map((c) => [c.id, { name: c.fullyQualifiedName ?? c.name, active: c.active }])),
    projects: new Map(projects.map((p) => [p.id, p])),
    homeCurrency: prefs.CurrencyPrefs?.HomeCurrency?.value ?? fallbackCurrency,
  };
}

/** The account's problem in words, or null when it can be used. */
function accountProblem(account: MirrorAccount | undefined, what: string, fix: string): string | null {
  if (!account) return `${what} is no longer in QuickBooks. ${fix}`;
  if (!account.active) return `${what} ("${account.name}") is inactive in QuickBooks. Reactivate it there, or ${fix.charAt(0).toLowerCase()}${fix.slice(1)}`;
  return null;
}

/** Why the expense cannot be sent yet, in words; null when it can. */
export function preflight(e: ExpenseRow, ctx: PurchaseContext): string | null {
  if (e.deletedAt) return null;
  if (ctx.accounts.size === 0) return 'The chart of accounts has not been read from QuickBooks yet. Import from QuickBooks (QuickBooks screen, Company), then send again.';
  const category = ctx.categories.get(e.categoryId);
  if (!category) return 'Its category was removed. Choose another category for this expense.';
  if (!category.accountId) return `The category "${category.name}" is not linked to a QuickBooks expense account yet. Choose one under Categories on the Expenses screen.`;
  const categoryProblem = accountProblem(ctx.accounts.get(category.accountId), `The expense account for "${category.name}"`, 'Choose another one under Categories on the Expenses screen.');
  if (categoryProblem) return categoryProblem;
  if (!ctx.paymentAccountId) return 'Choose the bank or credit card account your expenses are paid from, under Accounts on the Expenses screen.';
  const payment = ctx.accounts.get(ctx.paymentAccountId);
  const paymentProblem = accountProblem(payment, 'The account expenses are paid from', 'Choose another one under Accounts on the Expenses screen.');
  if (paymentProblem) return paymentProblem;
  const paidIn = payment?.currency ?? ctx.homeCurrency;
  if (paidIn !== e.currency) return `This expense is in ${e.currency}, but "${payment!.name}" is in ${paidIn}. Record it in ${paidIn}, or pay it from an account in ${e.currency}.`;
  return customerProblem(e, ctx);
}

function customerProblem(e: ExpenseRow, ctx: PurchaseContext): string | null {
  const project = e.projectId ? ctx.projects.get(e.projectId) : undefined;
  if (!project) return e.billable ? 'A billable expense needs a project linked to a QuickBooks customer. Choose its project, or mark it not billable.' : null;
  if (!project.qboCustomerId) return `The project "${project.name}" is not linked to a QuickBooks customer. Link it on the QuickBooks screen (Mapping).`;
  const customer = ctx.customers.get(project.qboCustomerId);
  if (!customer) return `The QuickBooks customer of "${project.name}" is no longer in QuickBooks. Link the project to another customer on the QuickBooks screen.`;
  if (!customer.active) return `The customer "${customer.name}" is inactive in QuickBooks. Reactivate it there, or link "${project.name}" to another customer.`;
  return null;
}

/** The Purchase body for a create (no Id) or, with `qbo`, a full update. Call only after preflight passed. */
export function purchaseBody(e: ExpenseRow, ctx: PurchaseContext, qbo?: { Id: string; SyncToken: string }): Entity {
  const accountId = ctx.categories.get(e.categoryId)!.accountId!;
  const payment = ctx.accounts.get(ctx.paymentAccountId!)!;
  const project = e.projectId ? ctx.projects.get(e.projectId) : undefined;
  const customerId = project?.qboCustomerId ?? null;
  const line: QboPurchaseLine = {
    DetailType: 'AccountBasedExpenseLineDetail',
    Amount: minorToDecimalNumber(e.amountMinor, e.currency),
    ...(e.note ? { Description: e.note } : {}),
    AccountBasedExpenseLineDetail: {
      AccountRef: { value: accountId },
      BillableStatus: e.billable ? 'Billable' : 'NotBillable',
      ...(customerId ? { CustomerRef: { value: customerId } } : {}),
      ...(project?.qboClassId ? { ClassRef: { value: project.qboClassId } } : {}),
    },
  };
  return {
    ...(qbo ? { Id: qbo.Id, SyncToken: qbo.SyncToken } : {}),
    TxnDate: e.localDate,
    PaymentType: payment.type === 'Credit Card' ? 'CreditCard' : 'Cash',
    AccountRef: { value: payment.id },
    Line: [line],
    ...(e.currency !== ctx.homeCurrency ? { CurrencyRef: { value: e.currency } } : {}),
    PrivateNote: `Track Nexus expense ${e.id}`,
  };
}
