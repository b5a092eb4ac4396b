// Payments as QuickBooks records them, read only: an invoice's payments in its detail, and the panel
// of money QuickBooks holds that is not applied to any invoice (apply it there), with each payment
// deleted in QuickBooks told once until the user dismisses it.
import { useState } from 'react';
import { formatDate } from '../../../../shared/time/display';
import type { InvoiceService, InvoiceSummary } from './invoice-service';
import { amount } from './invoice-format';
import { errorText, useLoad } from './use-load';

/** The payments QuickBooks applied to one invoice, oldest first. */
export function InvoicePayments({ invoice }: { invoice: InvoiceSummary }) {
  const payments = invoice.paid?.payments ?? [];
  if (payments.length === 0) return null;
  return (
    <div className="inv-payments" role="group" aria-label="Payments">
      <p><strong>Payments</strong> recorded in QuickBooks:</p>
      <ul>
        {payments.map((p) => <li key={p.paymentQboId}>{amount(p.amountMinor, invoice.currency)} on {formatDate(p.txnDate)}</li>)}
      </ul>
    </div>
  );
}

/** `version` changes when QuickBooks was read again: the panel reads the payments again. */
export function PaymentsPanel({ service, version }: { service: InvoiceService; version: number }) {
  const view = useLoad(() => service.payments(), `${service.companyId}:${version}`);
  const [error, setError] = useState<string | null>(null);
  const dismiss = (id: string) => {
    setError(null);
    service.dismissPaymentNotice(id).then(view.reload, (e: unknown) => setError(errorText(e)));
  };
  const { unapplied = [], notices = [] } = view.data ?? {};
  if (unapplied.length === 0 && notices.length === 0 && !view.error && !error) return null;
  return (
    <section className="inv-payments-panel" aria-label="Payments from QuickBooks">
      {view.error ? <p role="alert" className="error">The payments could not be read: {view.error}</p> : null}
      {notices.length > 0 ? (
        <ul className="inv-notices" aria-label="Payments deleted in QuickBooks">
          {notices.map((n) => (
            <li key={n.id}>
              {n.message} <button type="button" className="link-button" onClick={() => dismiss(n.id)}>Dismiss</button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? <p role="alert" className="error">Not dismissed: {error}</p> : null}
      {unapplied.length > 0 ? (
        <>
          <h3>Payments not applied to an invoice</h3>
          {unapplied.map((c) => (
            <div key={`${c.customerId}:${c.currency}`} role="group" aria-label={c.customerName}>
              <p><strong>{c.customerName}</strong>: {amount(c.unappliedMinor, c.currency)} not applied</p>
              <ul>{c.sentences.map((s) => <li key={s}>{s}</li>)}</ul>
            </div>
          ))}
        </>
      ) : null}
    </section>
  );
}
