// An invoice's lines as they would be (or were) sent: date, description with the surcharge rule
// under it, hours, rate and amount; project headings and subtotals; tax; the total; and the
// exchange rate in one sentence when the invoice is in the customer's own currency.
import type { ReactNode } from 'react';
import { formatDate } from '../../../../shared/time/display';
import type { InvoiceDraft, InvoiceLine } from '../../../../shared/invoice/types';
import { amount, exchangeSentence, hours } from './invoice-format';

function LineRow({ line, currency }: { line: InvoiceLine; currency: string }) {
  if (line.kind === 'section') return <tr className="inv-line-section"><th scope="rowgroup" colSpan={5}>{line.description}</th></tr>;
  if (line.kind === 'subtotal') {
    return <tr className="inv-line-subtotal"><th scope="row" colSpan={4}>{line.description || 'Subtotal'}</th><td className="qbo-num">{amount(line.amountMinor, currency)}</td></tr>;
  }
  const surcharge = line.percent !== undefined && line.percent !== 100 ? ` at ${line.percent}%` : '';
  const rate = line.rateMinor === undefined ? '' : `${amount(line.rateMinor, currency)}${surcharge}`;
  return (
    <tr>
      <td className="qbo-nowrap">{line.serviceDate ? formatDate(line.serviceDate) : ''}</td>
      <td>{line.description}{line.rule ? <div className="inv-rule">{line.rule}</div> : null}</td>
      <td className="qbo-num">{line.minutes === undefined ? '' : hours(line.minutes)}</td>
      <td className="qbo-num">{rate}</td>
      <td className="qbo-num">{amount(line.amountMinor, currency)}</td>
    </tr>
  );
}

function Totals({ draft }: { draft: InvoiceDraft }) {
  const c = draft.currency;
  return (
    <tfoot>
      {draft.tax.length > 0 ? <tr><th scope="row" colSpan={4}>Subtotal</th><td className="qbo-num">{amount(draft.subtotalMinor, c)}</td></tr> : null}
      {draft.tax.map((t) => (
        <tr key={t.taxCodeId}><th scope="row" colSpan={4}>{t.name} ({t.percent}% of {amount(t.taxableMinor, c)})</th><td className="qbo-num">{amount(t.taxMinor, c)}</td></tr>
      ))}
      <tr className="inv-total"><th scope="row" colSpan={4}>Total</th><td className="qbo-num">{amount(draft.totalMinor, c)}</td></tr>
    </tfoot>
  );
}

/** The lines table; `footer` closes it (totals). */
export function LinesTable({ lines, currency, caption, footer }: { lines: readonly InvoiceLine[]; currency: string; caption: string; footer: ReactNode }) {
  return (
    <div className="qbo-table-scroll">
      <table className="qbo-table inv-lines">
        <caption className="qbo-visually-hidden">{caption}</caption>
        <thead><tr><th scope="col">Date</th><th scope="col">Description</th><th scope="col" className="qbo-num">Hours</th><th scope="col" className="qbo-num">Rate</th><th scope="col" className="qbo-num">Amount</th></tr></thead>
        <tbody>{lines.map((l, i) => <LineRow key={i} line={l} currency={currency} />)}</tbody>
        {footer}
      </table>
    </div>
  );
}

export function PreviewLines({ draft, caption }: { draft: InvoiceDraft; caption: string }) {
  return (
    <>
      <LinesTable lines={draft.lines} currency={draft.currency} caption={caption} footer={<Totals draft={draft} />} />
      {draft.exchangeRate ? <p className="inv-exchange">{exchangeSentence(draft.exchangeRate)}</p> : null}
    </>
  );
}
