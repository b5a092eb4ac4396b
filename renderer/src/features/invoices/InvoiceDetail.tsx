// One invoice the app made: its lines as sent, what is paid and by which payments, what changed in
// QuickBooks since (and taking QuickBooks' version), whether it was e-mailed, its PDF to view or
// save, and e-mailing it.
import { useState } from 'react';
import { formatDate } from '../../../../shared/time/display';
import type { InvoiceService, InvoiceSummary } from './invoice-service';
import { amount } from './invoice-format';
import { emailWords, STATUS_WORDS } from './invoice-words';
import { EmailDialog } from './EmailDialog';
import { LinesTable } from './PreviewLines';
import { PdfView } from './PdfView';
import { InvoicePayments } from './PaymentsPanel';
import { errorText } from './use-load';

/** Hands the bytes to the browser as a download named after the invoice; the URL is let go afterwards. */
function download(bytes: Uint8Array, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function Conflict({ invoice, onAccept }: { invoice: InvoiceSummary; onAccept: () => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  if (!invoice.conflict) return null;
  return (
    <div className="inv-conflict" role="group" aria-label="Changed in QuickBooks">
      <p><strong>Changed in QuickBooks</strong> since the app sent it:</p>
      <ul>{invoice.conflict.differences.map((d) => <li key={d}>{d}</li>)}</ul>
      <button type="button" className="button" onClick={() => void onAccept().catch((e: unknown) => setError(errorText(e)))}>Accept QuickBooks' version</button>
      {error ? <p role="alert" className="error">Not accepted: {error}</p> : null}
    </div>
  );
}

function usePdf(service: InvoiceService, invoice: InvoiceSummary) {
  const [bytes, setBytes] = useState<Uint8Array | null>(null);
  const [error, setError] = useState<string | null>(null);
  const get = async (): Promise<Uint8Array | null> => {
    setError(null);
    try {
      const b = bytes ?? (await service.pdf(invoice.id));
      setBytes(b);
      return b;
    } catch (e) {
      setError(`QuickBooks did not give the PDF: ${errorText(e)}`);
      return null;
    }
  };
  return { bytes, error, get };
}

export function InvoiceDetail({ service, invoice, onChanged }: { service: InvoiceService; invoice: InvoiceSummary; onChanged: () => void }) {
  const pdf = usePdf(service, invoice);
  const [showPdf, setShowPdf] = useState(false);
  const [emailing, setEmailing] = useState(false);
  const name = `Invoice ${invoice.docNumber ?? ''} for ${invoice.customerName}`;
  const inQbo = invoice.qboId !== null;
  return (
    <section className="card inv-detail" aria-label={name}>
      <h3>{name}</h3>
      <dl className="facts">
        <dt>Status</dt><dd>{STATUS_WORDS[invoice.status]}{invoice.lastError ? ` — ${invoice.lastError}` : ''}</dd>
        {invoice.paid?.words ? <><dt>Paid</dt><dd>{invoice.paid.words}</dd></> : null}
        <dt>Date</dt><dd>{formatDate(invoice.txnDate)}{invoice.dueDate ? `, due ${formatDate(invoice.dueDate)}` : ''}</dd>
        <dt>E-mail</dt><dd>{emailWords(invoice)}</dd>
        <dt>Time billed</dt><dd>{invoice.entryCount} entr{invoice.entryCount === 1 ? 'y' : 'ies'}</dd>
      </dl>
      <InvoicePayments invoice={invoice} />
      <Conflict invoice={invoice} onAccept={async () => { await service.acceptQuickBooks(invoice.id); onChanged(); }} />
      {invoice.lines ? (
        <LinesTable lines={invoice.lines} currency={invoice.currency} caption={`Lines of ${name} as sent`}
          footer={<tfoot><tr className="inv-total"><th scope="row" colSpan={4}>Total</th><td className="qbo-num">{amount(invoice.totalMinor, invoice.currency)}</td></tr></tfoot>} />
      ) : null}
      {inQbo ? (
        <div className="qbo-actions">
          <button type="button" className="button" aria-expanded={showPdf} onClick={() => void pdf.get().then((b) => setShowPdf(b !== null && !showPdf))}>{showPdf ? 'Hide PDF' : 'View PDF'}</button>
          <button type="button" className="button" onClick={() => void pdf.get().then((b) => b && download(b, `Invoice-${invoice.docNumber ?? invoice.qboId}.pdf`))}>Save PDF</button>
          <button type="button" className="button" onClick={() => setEmailing(true)}>Send by e-mail…</button>
        </div>
      ) : <p className="muted">Not in QuickBooks yet, so there is no PDF to show or send.</p>}
      {pdf.error ? <p role="alert" className="error">{pdf.error}</p> : null}
      {showPdf && pdf.bytes ? <PdfView bytes={pdf.bytes} label={name} /> : null}
      {emailing ? <EmailDialog service={service} invoice={invoice} onClose={() => setEmailing(false)} onSent={() => { setEmailing(false); onChanged(); }} /> : null}
    </section>
  );
}
