// A workspace with expenses ready to send: the chart of accounts and two customers in the primary
// company's mirror, Travel mapped to an expense account, expenses paid from a credit card, and a
// project linked to an active customer.
import type { ExpenseInput } from '../../../renderer/src/features/expenses/store/expense-store';
import { testEnv, type TestEnv } from '../db/helpers';

const ACCOUNTS = [
  { id: '7', name: 'Travel', fullyQualifiedName: 'Travel', type: 'Expense', active: true, currency: null },
  { id: '8', name: 'Meals', fullyQualifiedName: 'Meals', type: 'Expense', active: false, currency: null },
  { id: '41', name: 'Visa', fullyQualifiedName: 'Visa', type: 'Credit Card', active: true, currency: null },
  { id: '35', name: 'Checking', fullyQualifiedName: 'Checking', type: 'Bank', active: true, currency: null },
];

export interface ExpenseWorld extends TestEnv {
  projectId: string;
}

export async function expenseWorld(): Promise<ExpenseWorld> {
  const env = await testEnv(Date.UTC(2026, 10, 2, 9, 0));
  const mirror = env.repos.mirrorOf('primary');
  await mirror.setState('accounts', ACCOUNTS);
  await mirror.setState('preferences', { CurrencyPrefs: { HomeCurrency: { value: 'USD' } } });
  await mirror.putEntities([
    { kind: 'customer', id: 'c1', name: 'Acme', active: true },
    { kind: 'customer', id: 'c2', name: 'Gone Ltd', active: false },
  ]);
  await env.repos.settings.update('expenseCategories', (cats) => cats.map((c) => (c.id === 'travel' ? { ...c, accounts: { primary: '7' } } : c.id === 'meals' ? { ...c, accounts: { primary: '8' } } : c)));
  await env.repos.settings.set('expensePaymentAccount', { primary: '41' });
  await env.repos.settings.set('currency', 'USD');
  const project = await env.repos.projects.create({ name: 'Website', qboCustomerId: 'c1', qboClassId: 'k1', currency: 'USD' });
  return { ...env, projectId: project.id };
}

export const travel = (over: Partial<ExpenseInput> = {}): ExpenseInput => ({
  localDate: '2026-11-01',
  amountMinor: 1250,
  currency: 'USD',
  categoryId: 'travel',
  projectId: null,
  note: 'Train to the client',
  billable: false,
  ...over,
});
