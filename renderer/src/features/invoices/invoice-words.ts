// An invoice's state in words, for the list and its detail.
import { formatDate } from '../../../../shared/time/display';
import { isLocalDate } from '../../../../shared/time/local-date';
import type { InvoiceStatus, InvoiceSummary } from './invoice-service';

export const STATUS_WORDS: Record<InvoiceStatus, string> = {
  sending: 'sending',
  failed: 'failed',
  draft: 'draft',
  sent: 'sent',
  overdue: 'overdue',
  partlyPaid: 'partly paid',
  paid: 'paid',
  voided: 'voided',
  deleted: 'deleted',
};

function when(at: string): string {
  const date = at.slice(0, 10);
  return isLocalDate(date) ? formatDate(date) : at;
}

/** "Sent to ap@acme.com on 3 Dec 2026", "Not sent", or that it waits to be sent. */
export function emailWords(i: InvoiceSummary): string {
  if (i.emailStatus === 'EmailSent') return `Sent to ${i.emailedTo ?? 'the customer'}${i.emailedAt ? ` on ${when(i.emailedAt)}` : ''}`;
  if (i.emailStatus === 'NeedToSend') return 'Not sent yet: QuickBooks has it marked to send';
  return 'Not sent';
}
