// Why an invoiced (or paid) entry cannot be edited, split or deleted, and what to do instead: its
// time is billed on a QuickBooks invoice, and changing it here would make the invoice and the
// time disagree. The fix happens in QuickBooks: void the invoice (its time comes back unbilled and
// editable once the app has read the change) or issue a credit memo for the difference.
import { useLiveQuery } from 'dexie-react-hooks';
import { Modal } from '../../components/Modal';
import { useRepos } from '../../data/repos-context';
import type { EntryRow, InvoiceRow } from '../../db/schema';
import { formatDate } from '../../../../shared/time/display';

function invoiceWords(invoice: InvoiceRow | undefined): string {
  if (!invoice) return 'a QuickBooks invoice';
  const number = invoice.qbo?.['DocNumber'];
  const date = invoice.qbo?.['TxnDate'] ?? invoice.draft.payload['TxnDate'];
  return `invoice ${typeof number === 'string' ? number : '(number pending)'} for ${invoice.customerName}${typeof date === 'string' ? ` dated ${formatDate(date)}` : ''}`;
}

export function LockedEntryNotice({ entry, onClose }: { entry: EntryRow; onClose: () => void }) {
  const repos = useRepos();
  const invoice = useLiveQuery(() => repos.invoices.ofEntry(entry.id), [repos, entry.id]);
  const paid = entry.status === 'paid';
  return (
    <Modal title={paid ? 'This entry is paid' : 'This entry is on an invoice'} onClose={onClose}>
      <p>
        Its time is billed on {invoiceWords(invoice)}{paid ? ', which has been paid' : ''}. Changing it here would make the invoice and your
        time disagree, so it is locked.
      </p>
      <p>To correct it, work in QuickBooks:</p>
      <ul>
        <li><strong>Void the invoice</strong> (or delete it) in QuickBooks. Its time comes back here as unbilled and can be edited once the app reads the change (Invoices → Refresh from QuickBooks); then invoice it again.</li>
        <li>Or keep the invoice and <strong>issue a credit memo</strong> in QuickBooks for the difference, and record any extra time as a new entry.</li>
      </ul>
      <div className="dialog-actions">
        <button type="button" className="button primary" onClick={onClose} autoFocus>OK</button>
      </div>
    </Modal>
  );
}
