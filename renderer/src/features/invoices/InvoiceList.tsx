// The invoices the app made, as last read from QuickBooks (paid and partly paid in words), with a
// refresh from QuickBooks and the payments not applied to any invoice; choosing one opens its detail
// below the list.
import { useState } from 'react';
import { formatDate } from '../../../../shared/time/display';
import type { InvoiceService, InvoiceSummary } from './invoice-service';
import { amount } from './invoice-format';
import { InvoiceDetail } from './InvoiceDetail';
import { PaymentsPanel } from './PaymentsPanel';
import { STATUS_WORDS } from './invoice-words';
import { errorText, useLoad } from './use-load';

function Row({ invoice: i, chosen, onChoose }: { invoice: InvoiceSummary; chosen: boolean; onChoose: () => void }) {
  return (
    <tr className={chosen ? 'inv-chosen' : undefined}>
      <th scope="row">
        <button type="button" className="link-button" aria-pressed={chosen} onClick={onChoose}>{i.docNumber ?? 'No number yet'}</button>
      </th>
      <td>{i.customerName}</td>
      <td className="qbo-nowrap">{formatDate(i.txnDate)}</td>
      <td className="qbo-nowrap">{i.dueDate ? formatDate(i.dueDate) : ''}</td>
      <td className="qbo-num">{amount(i.totalMinor, i.currency)}</td>
      <td className="qbo-num">{amount(i.balanceMinor, i.currency)}</td>
      <td>
        <span className={`qbo-badge inv-status-${i.status}`}>{STATUS_WORDS[i.status]}</span>
        {i.conflict ? <span className="qbo-badge qbo-badge-inactive">changed in QuickBooks</span> : null}
        {i.paid?.words ? <span className="inv-paid">{i.paid.words}</span> : null}
      </td>
    </tr>
  );
}

function useRefresh(service: InvoiceService, after: () => void) {
  const [state, setState] = useState<{ running: boolean; error: string | null }>({ running: false, error: null });
  const run = async () => {
    setState({ running: true, error: null });
    try {
      await service.refresh();
      setState({ running: false, error: null });
    } catch (e) {
      setState({ running: false, error: errorText(e) });
    }
    after();
  };
  return { ...state, run };
}

/**
 * `version` changes when invoices were made elsewhere on the screen: the list is read again.
 * `onRefreshed`: QuickBooks was read, so voided or deleted invoices may have released time.
 */
export function InvoiceList({ service, version, onRefreshed }: { service: InvoiceService; version: number; onRefreshed: () => void }) {
  const invoices = useLoad(() => service.list(), `${service.companyId}:${version}`);
  const refresh = useRefresh(service, onRefreshed);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const list = invoices.data ?? [];
  const chosen = list.find((i) => i.id === chosenId) ?? null;
  return (
    <section className="card inv-list" aria-labelledby="inv-list-title">
      <div className="qbo-section-head">
        <h2 id="inv-list-title">Invoices</h2>
        <button type="button" className="button" disabled={refresh.running} onClick={() => void refresh.run()}>{refresh.running ? 'Reading QuickBooks…' : 'Refresh from QuickBooks'}</button>
      </div>
      {refresh.error ? <p role="alert" className="error">QuickBooks could not be read: {refresh.error}</p> : null}
      {invoices.error ? <p role="alert" className="error">The invoices could not be read: {invoices.error}</p> : null}
      {invoices.data && list.length === 0 ? <p className="muted">No invoices made from the app yet.</p> : null}
      {list.length > 0 ? (
        <div className="qbo-table-scroll">
          <table className="qbo-table">
            <caption className="qbo-visually-hidden">Invoices made from the app</caption>
            <thead><tr><th scope="col">Number</th><th scope="col">Customer</th><th scope="col">Date</th><th scope="col">Due</th><th scope="col" className="qbo-num">Total</th><th scope="col" className="qbo-num">Balance</th><th scope="col">Status</th></tr></thead>
            <tbody>{list.map((i) => <Row key={i.id} invoice={i} chosen={i.id === chosenId} onChoose={() => setChosenId(i.id === chosenId ? null : i.id)} />)}</tbody>
          </table>
        </div>
      ) : null}
      <PaymentsPanel service={service} version={version} />
      {chosen ? <InvoiceDetail key={chosen.id} service={service} invoice={chosen} onChanged={invoices.reload} /> : null}
    </section>
  );
}
