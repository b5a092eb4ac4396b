// The month's expenses with their totals, each with its state in QuickBooks in words and its
// receipt (a thumbnail of a photo, a link to a PDF), opened here and never sent anywhere.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo } from 'react';
import { formatMoney } from '../../../../shared/money/money';
import { useRepos } from '../../data/repos-context';
import type { ExpenseRow, ProjectRow } from '../../db/schema';
import { stateWords, type ListedExpense, type MonthTotals } from './expense-words';

interface Props {
  rows: readonly ListedExpense[];
  totals: readonly MonthTotals[];
  categoryName: ReadonlyMap<string, string>;
  projects: readonly ProjectRow[];
  onEdit: (row: ExpenseRow) => void;
  onDelete: (row: ExpenseRow) => void;
}

const money = (amountMinor: number, currency: string) => formatMoney({ amountMinor, currency });

export function ExpenseList({ rows, totals, categoryName, projects, onEdit, onDelete }: Props) {
  const projectName = new Map(projects.map((p) => [p.id, p.name]));
  return (
    <>
      {totals.map((t) => (
        <dl key={t.currency} className="expense-totals" aria-label={`Totals in ${t.currency}`}>
          {t.byCategory.map((c) => (
            <div key={c.categoryId}><dt>{categoryName.get(c.categoryId) ?? 'Removed category'}</dt><dd>{money(c.amountMinor, t.currency)}</dd></div>
          ))}
          <div><dt>Billable</dt><dd>{money(t.billableMinor, t.currency)}</dd></div>
          <div><dt>Not billable</dt><dd>{money(t.nonBillableMinor, t.currency)}</dd></div>
        </dl>
      ))}
      <table className="expense-table" aria-label="Expenses">
        <thead><tr><th>Date</th><th>Category</th><th>Project</th><th>Note</th><th>Amount</th><th>Billable</th><th>Receipt</th><th>QuickBooks</th><th /></tr></thead>
        <tbody>
          {rows.map((e) => {
            const locked = e.state === 'invoiced' || e.state === 'paid' || e.state === 'sending' || Boolean(e.deletedAt);
            const problem = e.state === 'local' && !e.deletedAt && e.lastError ? e.lastError : null;
            return (
              <tr key={e.id} className={e.deletedAt ? 'deleted' : undefined}>
                <td>{e.localDate}</td>
                <td>{categoryName.get(e.categoryId) ?? 'Removed category'}</td>
                <td>{e.projectId ? projectName.get(e.projectId) ?? '' : 'No project'}</td>
                <td>{e.note}</td>
                <td>{money(e.amountMinor, e.currency)}</td>
                <td>{e.billable ? 'Billable' : 'Not billable'}</td>
                <td>{e.receiptId ? <ReceiptLink receiptId={e.receiptId} /> : null}</td>
                <td>{stateWords(e)}{problem ? <div className="error">{problem}</div> : null}</td>
                <td>
                  {locked ? null : <>
                    <button type="button" className="button small" aria-label={`Change expense of ${e.localDate}, ${money(e.amountMinor, e.currency)}`} onClick={() => onEdit(e)}>Change</button>
                    <button type="button" className="button small danger" aria-label={`Delete expense of ${e.localDate}, ${money(e.amountMinor, e.currency)}`} onClick={() => onDelete(e)}>Delete</button>
                  </>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/** The stored receipt as a local object URL, released when the row goes. */
function ReceiptLink({ receiptId }: { receiptId: string }) {
  const repos = useRepos();
  const receipt = useLiveQuery(() => repos.expenses.receipt(receiptId), [repos, receiptId]);
  // Without a Blob (a store that could not keep one) the receipt is named, not opened.
  const url = useMemo(() => (receipt?.data instanceof Blob && typeof URL.createObjectURL === 'function' ? URL.createObjectURL(receipt.data) : null), [receipt]);
  useEffect(() => () => {
    if (url) URL.revokeObjectURL(url);
  }, [url]);
  if (!receipt) return null;
  const label = `Receipt ${receipt.name}`;
  if (!url) return <span>{label}</span>;
  return (
    <a href={url} target="_blank" rel="noreferrer" aria-label={label}>
      {receipt.type.startsWith('image/') ? <img src={url} alt="" className="receipt-thumb" /> : 'PDF'}
    </a>
  );
}
