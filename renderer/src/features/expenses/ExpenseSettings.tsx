// Where expenses go in one QuickBooks company: each category's expense account, the bank or credit
// card account they are paid from, and the service item billable expenses are sold as on invoices.
// The lists come from the QuickBooks mirror (Import on the QuickBooks screen fills it).
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useRepos } from '../../data/repos-context';
import { EXPENSE_ACCOUNT_TYPES, PAYMENT_ACCOUNT_TYPES } from './engine/purchase';
import { reimbursableItemOf } from './engine/billable';

// Long because it is one settings card: three small lists of choices over the same reads.
export function ExpenseSettings({ companyId }: { companyId: string }) {
  const repos = useRepos();
  const mirror = repos.mirrorOf(companyId);
  const data = useLiveQuery(async () => {
    const [accounts, items, categories, payment, item] = await Promise.all([
      mirror.accounts(),
      mirror.list('item'),
      repos.settings.get('expenseCategories'),
      repos.settings.get('expensePaymentAccount'),
      reimbursableItemOf(repos, companyId),
    ]);
    return { accounts: (accounts ?? []).filter((a) => a.active), items: items.filter((i) => (i.subtype ?? 'Service') === 'Service'), categories, paymentId: payment[companyId] ?? '', itemId: item ?? '' };
  }, [repos, mirror, companyId]);
  const [newName, setNewName] = useState('');
  if (!data) return null;
  const expenseAccounts = data.accounts.filter((a) => EXPENSE_ACCOUNT_TYPES.includes(a.type));
  const paymentAccounts = data.accounts.filter((a) => PAYMENT_ACCOUNT_TYPES.includes(a.type));

  const mapCategory = (id: string, accountId: string) =>
    repos.settings.update('expenseCategories', (cats) => cats.map((c) => {
      if (c.id !== id) return c;
      const { [companyId]: _old, ...others } = c.accounts;
      return { ...c, accounts: accountId ? { ...others, [companyId]: accountId } : others };
    }));
  const choose = (key: 'expensePaymentAccount' | 'reimbursableItem', id: string) =>
    repos.settings.update(key, (all) => {
      const { [companyId]: _old, ...others } = all;
      return id ? { ...others, [companyId]: id } : others;
    });
  const addCategory = async () => {
    const name = newName.trim();
    if (!name) return;
    await repos.settings.update('expenseCategories', (cats) => [...cats, { id: crypto.randomUUID(), name, accounts: {} }]);
    setNewName('');
  };

  return (
    <section className="card expense-settings" aria-labelledby="expense-settings-title">
      <h2 id="expense-settings-title">Categories and accounts</h2>
      {data.accounts.length === 0 ? <p className="muted">Import from QuickBooks (QuickBooks screen, Company) to choose accounts.</p> : null}
      <h3>Categories</h3>
      <ul className="plain-list">
        {data.categories.map((c) => (
          <li key={c.id}>
            <label>{c.name} posts to{' '}
              <select value={c.accounts[companyId] ?? ''} onChange={(e) => void mapCategory(c.id, e.target.value)}>
                <option value="">Not linked yet</option>
                {expenseAccounts.map((a) => <option key={a.id} value={a.id}>{a.fullyQualifiedName}</option>)}
              </select>
            </label>
          </li>
        ))}
      </ul>
      <label>New category <input value={newName} maxLength={100} onChange={(e) => setNewName(e.target.value)} /></label>
      <button type="button" className="button small" onClick={() => void addCategory()}>Add category</button>
      <h3>Accounts</h3>
      <label>Expenses are paid from{' '}
        <select value={data.paymentId} onChange={(e) => void choose('expensePaymentAccount', e.target.value)}>
          <option value="">Choose a bank or credit card account</option>
          {paymentAccounts.map((a) => <option key={a.id} value={a.id}>{a.fullyQualifiedName} ({a.type})</option>)}
        </select>
      </label>
      <label>Billable expenses are invoiced as{' '}
        <select value={data.itemId} onChange={(e) => void choose('reimbursableItem', e.target.value)}>
          <option value="">Choose a service item</option>
          {data.items.map((i) => <option key={i.id} value={i.id}>{i.fullyQualifiedName ?? i.name}</option>)}
        </select>
      </label>
    </section>
  );
}
