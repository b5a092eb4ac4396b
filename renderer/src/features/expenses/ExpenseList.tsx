// The month's expenses with their totals, each with its state in QuickBooks in words and its
// receipt (a thumbnail of a photo, or PDF), opened inside the app and never sent anywhere.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { formatMoney } from '../../../../shared/money/money';
import { formatDate } from '../../../../shared/time/display';
import { Modal } from '../../components/Modal';
import { useRepos } from '../../data/repos-context';
import type { ExpenseRow, ProjectRow } from '../../db/schema';
import { PdfView } from '../invoices/PdfView';
import { lockWords, stateWords, type ListedExpense, type MonthTotals } from './expense-words';

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
            const lock = lockWords(e);
            return (
              <tr key={e.id} className={e.deletedAt ? 'deleted' : undefined}>
                <td className="expense-date">{formatDate(e.localDate)}</td>
                <td>{categoryName.get(e.categoryId) ?? 'Removed category'}</td>
                <td>{e.projectId ? projectName.get(e.projectId) ?? '' : 'No project'}</td>
                <td>{e.note}</td>
                <td>{money(e.amountMinor, e.currency)}</td>
                <td>{e.billable ? 'Billable' : 'Not billable'}</td>
                <td>{e.receiptId ? <ReceiptLink receiptId={e.receiptId} /> : null}</td>
                <td>{stateWords(e)}{problem ? <div className="error">{problem}</div> : null}{lock ? <div className="muted expense-lock">{lock}</div> : null}</td>
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

/** A Blob as a data: URL (the renderer's CSP allows data: images, not blob: ones). */
function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The receipt could not be read.'));
    reader.readAsDataURL(blob);
  });
}

/** The stored receipt: a thumbnail of a photo, and the photo or PDF opened here, in the app. */
function ReceiptLink({ receiptId }: { receiptId: string }) {
  const repos = useRepos();
  const receipt = useLiveQuery(() => repos.expenses.receipt(receiptId), [repos, receiptId]);
  const [image, setImage] = useState<string | null>(null);
  const [pdf, setPdf] = useState<Uint8Array | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    let live = true;
    // Without a Blob (a store that could not keep one) the receipt is named, not shown.
    if (!(receipt?.data instanceof Blob)) return;
    const data = receipt.data;
    if (receipt.type.startsWith('image/')) void dataUrlOf(data).then((url) => live && setImage(url));
    else void data.arrayBuffer().then((bytes) => live && setPdf(new Uint8Array(bytes)));
    return () => {
      live = false;
    };
  }, [receipt]);
  if (!receipt) return null;
  return (
    <>
      <button type="button" className="button small receipt-button" aria-label={`Open receipt ${receipt.name}`} disabled={!image && !pdf} onClick={() => setOpen(true)}>
        {image ? <img src={image} alt="" className="receipt-thumb" /> : receipt.type === 'application/pdf' ? 'PDF' : null} {receipt.name}
      </button>
      {open ? (
        <Modal title={`Receipt ${receipt.name}`} onClose={() => setOpen(false)} className="receipt-modal">
          {image ? <img src={image} alt={`Receipt ${receipt.name}`} className="receipt-full" /> : pdf ? <PdfView bytes={pdf} label={`Receipt ${receipt.name}`} /> : null}
        </Modal>
      ) : null}
    </>
  );
}
