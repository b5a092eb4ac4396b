// Sending an invoice by e-mail through QuickBooks: who to, and QuickBooks' one cover message for
// invoices, which can be changed here (it then changes in QuickBooks too, for every invoice).
// Nothing is sent until Send is clicked.
import { useId, useState } from 'react';
import { Modal } from '../../components/Modal';
import type { EmailTemplate, InvoiceService, InvoiceSummary } from './invoice-service';
import { errorText, useLoad } from './use-load';

function Form({ invoice, template, onSend, onClose }: { invoice: InvoiceSummary; template: EmailTemplate; onSend: (to: string, t: EmailTemplate | undefined) => Promise<void>; onClose: () => void }) {
  const [to, setTo] = useState(invoice.billEmail ?? invoice.emailedTo ?? '');
  const [subject, setSubject] = useState(template.subject);
  const [message, setMessage] = useState(template.message);
  const [state, setState] = useState<{ sending: boolean; error: string | null }>({ sending: false, error: null });
  const changed = subject !== template.subject || message !== template.message;
  const send = async () => {
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(to.trim())) return setState({ sending: false, error: 'Enter the e-mail address to send the invoice to.' });
    setState({ sending: true, error: null });
    try {
      await onSend(to.trim(), changed ? { subject, message } : undefined);
    } catch (e) {
      setState({ sending: false, error: errorText(e) });
    }
  };
  return (
    <form className="inv-email" noValidate onSubmit={(e) => { e.preventDefault(); void send(); }}>
      <label className="field"><span>To</span><input type="email" value={to} onChange={(e) => setTo(e.target.value)} /></label>
      <label className="field"><span>Subject</span><input value={subject} onChange={(e) => setSubject(e.target.value)} /></label>
      <label className="field"><span>Message</span><textarea rows={6} value={message} onChange={(e) => setMessage(e.target.value)} /></label>
      <p className="muted">QuickBooks uses one message for all invoice e-mails: editing it here changes it there too, for later invoices as well.</p>
      {state.error ? <p role="alert" className="error">Not sent: {state.error}</p> : null}
      <div className="qbo-actions">
        <button type="submit" className="button primary" disabled={state.sending}>{state.sending ? 'Sending…' : 'Send'}</button>
        <button type="button" className="button" onClick={onClose}>Cancel</button>
      </div>
    </form>
  );
}

export function EmailDialog({ service, invoice, onSent, onClose }: { service: InvoiceService; invoice: InvoiceSummary; onSent: (s: InvoiceSummary) => void; onClose: () => void }) {
  const template = useLoad(() => service.emailTemplate(), invoice.id);
  const note = useId();
  const send = async (to: string, t: EmailTemplate | undefined) => onSent(await service.email(invoice.id, to, t));
  return (
    <Modal title={`E-mail invoice ${invoice.docNumber ?? ''} to ${invoice.customerName}`} onClose={onClose} describedBy={note}>
      <p id={note} className="muted">QuickBooks sends the e-mail with the invoice as a PDF.</p>
      {template.error ? <p role="alert" className="error">QuickBooks' invoice message could not be read: {template.error}</p> : null}
      {template.data ? <Form invoice={invoice} template={template.data} onSend={send} onClose={onClose} /> : template.error ? null : <p className="muted">Loading…</p>}
    </Modal>
  );
}
