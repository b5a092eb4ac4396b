// Expenses by month: totals per category and billable or not, each expense with its state in
// QuickBooks in words, add / change / delete (asking first), and "Send to QuickBooks". Below, where
// expenses go in QuickBooks (categories, payment account, reimbursable item).
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { today } from '../../app/clock';
import { EmptyState } from '../../components/EmptyState';
import { Modal } from '../../components/Modal';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useRepos } from '../../data/repos-context';
import type { ExpenseRow } from '../../db/schema';
import { PRIMARY_COMPANY } from '../../../../shared/qbo/company';
import { isDesktop, useQboCompanies } from '../quickbooks/use-companies';
import { ExpenseForm } from './ExpenseForm';
import { ExpenseList } from './ExpenseList';
import { ExpenseSettings } from './ExpenseSettings';
import { useExpensePush } from './ExpensePushProvider';
import { monthTotals } from './expense-words';
import type { PushResult } from './engine/push';
import './expenses.css';

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

function pushSummary(results: readonly PushResult[]): string {
  const sum = (k: keyof PushResult) => results.reduce((s, r) => s + r[k], 0);
  const parts = [`${sum('sent')} sent to QuickBooks`];
  if (sum('blocked') + sum('failed') > 0) parts.push(`${sum('blocked') + sum('failed')} need your attention (see the list)`);
  if (sum('waiting') > 0) parts.push(`${sum('waiting')} waiting for QuickBooks; they are sent again later, never twice`);
  return `${parts.join('; ')}.`;
}

// Long because it is the screen: its reads, its three actions and its layout.
export function ExpensesScreen({ todayDate }: { todayDate?: string }) {
  const repos = useRepos();
  const push = useExpensePush();
  const day = todayDate ?? today();
  const [month, setMonth] = useState(day.slice(0, 7));
  const [editing, setEditing] = useState<ExpenseRow | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ExpenseRow | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const { companies } = useQboCompanies();
  const connected = (companies ?? []).filter((c) => c.state === 'connected' && !isDesktop(c));
  const [companyId, setCompanyId] = useState(PRIMARY_COMPANY);
  const data = useLiveQuery(async () => {
    const [rows, categories, projects, currency] = await Promise.all([
      repos.expenses.month(month), repos.settings.get('expenseCategories'), repos.projects.list({ includeArchived: true }), repos.settings.get('currency'),
    ]);
    return { rows, categories, projects, currency };
  }, [repos, month]);

  async function act(fn: () => Promise<string>) {
    setMessage(null);
    try {
      setMessage({ text: await fn(), error: false });
    } catch (e) {
      setMessage({ text: e instanceof Error ? e.message : String(e), error: true });
    }
  }
  const send = () => act(async () => pushSummary(await Promise.all(connected.map((c) => push!(c.companyId, { retryRefused: true })))));

  if (!data) return null;
  const categoryName = new Map(data.categories.map((c) => [c.id, c.name]));
  const totals = monthTotals(data.rows);
  return (
    <>
      <ScreenHeader title="Expenses" subtitle="Money you spent for your work, sent to QuickBooks once; receipts stay on this computer."
        actions={<>
          <button type="button" className="button primary" onClick={() => setEditing('new')}>Add expense</button>
          <button type="button" className="button" disabled={!push || connected.length === 0} onClick={() => void send()}>Send to QuickBooks</button>
        </>} />
      {message ? <p role={message.error ? 'alert' : 'status'} className={`list-message ${message.error ? 'error' : 'muted'}`}>{message.text}</p> : null}
      {editing ? (
        <ExpenseForm key={editing === 'new' ? 'new' : editing.id} editing={editing === 'new' ? null : editing} projects={data.projects} categories={data.categories}
          currency={data.currency} today={day} onCancel={() => setEditing(null)}
          onSave={async (input) => {
            await repos.expenses.save(input, editing === 'new' ? undefined : editing.id);
            setEditing(null);
            setMonth(input.localDate.slice(0, 7));
            setMessage({ text: editing === 'new' ? 'Expense added.' : 'Expense saved.', error: false });
          }} />
      ) : null}
      <nav className="expense-month" aria-label="Month">
        <button type="button" className="button small" onClick={() => setMonth(shiftMonth(month, -1))}>Previous month</button>
        <h2>{new Date(`${month}-01T12:00:00Z`).toLocaleDateString(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' })}</h2>
        <button type="button" className="button small" onClick={() => setMonth(shiftMonth(month, 1))}>Next month</button>
      </nav>
      {data.rows.length > 0 ? (
        <ExpenseList rows={data.rows} totals={totals} categoryName={categoryName} projects={data.projects} onEdit={setEditing} onDelete={setDeleting} />
      ) : (
        <EmptyState icon="invoices" title="No expenses this month">
          <p>Add what you spent for your work, with a photo of the receipt. Billable expenses go on your next invoice.</p>
        </EmptyState>
      )}
      {connected.length > 1 ? (
        <label>QuickBooks company{' '}
          <select value={companyId} onChange={(e) => setCompanyId(e.target.value)}>
            {connected.map((c) => <option key={c.companyId} value={c.companyId}>{c.companyName ?? c.companyId}</option>)}
          </select>
        </label>
      ) : null}
      <ExpenseSettings companyId={companyId} />
      {deleting ? (
        <Modal title="Delete this expense?" onClose={() => setDeleting(null)}>
          <p>{deleting.qboId ? 'It is deleted from QuickBooks too, at the next send.' : 'Its receipt is deleted with it.'}</p>
          <div className="form-actions">
            <button type="button" className="button danger" onClick={() => {
              const target = deleting;
              setDeleting(null);
              void act(async () => (await repos.expenses.remove(target.id), 'Expense deleted.'));
            }}>Delete expense</button>
            <button type="button" className="button" onClick={() => setDeleting(null)}>Keep it</button>
          </div>
        </Modal>
      ) : null}
    </>
  );
}
