// Unbilled time: per QuickBooks customer (oldest first) the hours and amount waiting for an
// invoice (and the billable expenses that go with it), opening to projects and tasks; a tick per customer for the preview; and, above the list,
// the billable time of the period that cannot be invoiced yet, with where to fix it.
import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { useUi } from '../../app/ui-store';
import { formatDate } from '../../../../shared/time/display';
import type { LeftBehind, UnbilledCustomer, UnbilledProject, UnbilledView } from './invoice-service';
import { amount, hours } from './invoice-format';

function LeftBehindList({ items }: { items: LeftBehind[] }) {
  const go = useUi((s) => s.go);
  if (items.length === 0) return null;
  return (
    <ul className="inv-left-behind" aria-label="Time not ready to bill">
      {items.map((l, i) => (
        <li key={i}>
          {l.message}{' '}
          {l.status === 'draft'
            ? <button type="button" className="link-button" onClick={() => go('timesheet')}>Approve in the Timesheet</button>
            : <button type="button" className="link-button" onClick={() => go('quickbooks', 'sync')}>Sync to QuickBooks</button>}
        </li>
      ))}
    </ul>
  );
}

function ProjectRows({ project, currency }: { project: UnbilledProject; currency: string }) {
  return (
    <>
      <tr className="inv-project">
        <th scope="row">{project.projectName}</th>
        <td className="qbo-num">{hours(project.minutes)}</td>
        <td className="qbo-num">{amount(project.amountMinor, currency)}</td>
        <td>{formatDate(project.oldest)}</td>
        <td className="qbo-num">{project.tasks.reduce((n, t) => n + t.entryCount, 0)}</td>
      </tr>
      {project.tasks.map((t) => (
        <tr key={t.taskId ?? ''} className="inv-task">
          <th scope="row">{t.taskName ?? 'No task'}</th>
          <td className="qbo-num">{hours(t.minutes)}</td>
          <td className="qbo-num">{amount(t.amountMinor, currency)}</td>
          <td>{formatDate(t.oldest)}</td>
          <td className="qbo-num">{t.entryCount}</td>
        </tr>
      ))}
    </>
  );
}

type CustomerExpenses = NonNullable<UnbilledView['expenses']>[number];

function CustomerRow({ customer, spent, checked, onCheck }: { customer: UnbilledCustomer; spent: CustomerExpenses | undefined; checked: boolean; onCheck: (on: boolean) => void }) {
  const [open, setOpen] = useState(false);
  const c = customer;
  return (
    <li className="inv-customer">
      <div className="inv-customer-head">
        <label className="inv-customer-name">
          <input type="checkbox" checked={checked} onChange={(e) => onCheck(e.target.checked)} /> {c.customerName}
        </label>
        <span className="qbo-num" aria-label={`${hours(c.minutes)} hours`}>{hours(c.minutes)} h</span>
        <span className="qbo-num">{amount(c.amountMinor, c.currency)}</span>
        <span className="muted">since {formatDate(c.oldest)}</span>
        {spent ? <span className="inv-expenses">+ {spent.count === 1 ? '1 expense' : `${spent.count} expenses`} ({amount(spent.amountMinor, c.currency)})</span> : null}
        {c.projects.length === 0 ? null : <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide projects' : 'Show projects'}<span className="qbo-visually-hidden"> of {c.customerName}</span>
        </button>}
      </div>
      {open ? (
        <table className="qbo-table inv-breakdown">
          <caption className="qbo-visually-hidden">{c.customerName}: projects and tasks</caption>
          <thead><tr><th scope="col">Project / task</th><th scope="col" className="qbo-num">Hours</th><th scope="col" className="qbo-num">Amount</th><th scope="col">Oldest</th><th scope="col" className="qbo-num">Entries</th></tr></thead>
          <tbody>{c.projects.map((p) => <ProjectRows key={p.projectId} project={p} currency={c.currency} />)}</tbody>
        </table>
      ) : null}
    </li>
  );
}

/** The unbilled list with its ticks; `onPreview` gets the ticked customers. */
export function UnbilledSection({ view, onPreview }: { view: UnbilledView; onPreview: (customerIds: string[]) => void }) {
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const customers = [...view.customers].sort((a, b) => a.oldest.localeCompare(b.oldest));
  const check = (id: string, on: boolean) => setChecked((s) => { const n = new Set(s); if (on) n.add(id); else n.delete(id); return n; });
  const chosen = customers.filter((c) => checked.has(c.customerId)).map((c) => c.customerId);
  return (
    <section className="card inv-unbilled" aria-labelledby="inv-unbilled-title">
      <h2 id="inv-unbilled-title">Unbilled time</h2>
      <LeftBehindList items={view.leftBehind} />
      {customers.length === 0 ? (
        <EmptyState icon="invoices" title="Nothing to bill in this period">
          <p>Approved time appears here once it is synced to QuickBooks as billable.</p>
        </EmptyState>
      ) : (
        <>
          <ul className="inv-customers" aria-label="Customers with unbilled time">
            {customers.map((c) => <CustomerRow key={c.customerId} customer={c} spent={view.expenses?.find((e) => e.customerId === c.customerId)} checked={checked.has(c.customerId)} onCheck={(on) => check(c.customerId, on)} />)}
          </ul>
          <div className="qbo-actions">
            <button type="button" className="button primary" disabled={chosen.length === 0} onClick={() => onPreview(chosen)}>Preview invoices{chosen.length > 0 ? ` (${chosen.length})` : ''}</button>
            {chosen.length === 0 ? <span className="muted">Tick the customers to bill.</span> : null}
          </div>
        </>
      )}
    </section>
  );
}
