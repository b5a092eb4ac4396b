// Invoices and payments as the reports count them, in the home currency: QuickBooks' own number,
// dates, total and balance where it has answered, the draft's figures before; an invoice in the
// customer's currency is converted back at the exchange rate it was made with.
import { groupBy } from '../../../../../shared/group-by';
import { toHomeMinor } from '../../../../../shared/invoice/currency';
import { decimalToMinor } from '../../../../../shared/qbo/decimal';
import type { ReportInvoice, ReportPayment } from '../../../../../shared/reports/types';
import { localDate } from '../../../../../shared/time/zone';
import type { InvoiceRow, PaymentRow } from '../../../db/schema';

/** An entry's share of the live invoice that bills it. */
export interface InvoiceShare {
  invoiceId: string;
  amountMinor: number;
}

/** QuickBooks' decimal amount in minor units of the invoice currency; `fallback` when it has none (or more digits than the currency). */
const qboMinor = (value: number | undefined, currency: string, fallback: number): number =>
  (value === undefined ? null : decimalToMinor(value, currency)) ?? fallback;

const SERVICE = new Set(['time', 'charge']);

function reportInvoice(row: InvoiceRow, home: string, zone: string): ReportInvoice {
  const { draft, qbo } = row;
  const convert = (minor: number) => toHomeMinor(minor, draft, home);
  const service = draft.lines.filter((l) => SERVICE.has(l.kind));
  // Lines with parts are covered by the entries' shares; a charge without parts (a retainer's fee
  // in a month without time) is money no entry carries.
  const uncovered = groupBy(service.filter((l) => l.parts.length === 0), (l) => l.projectId ?? null);
  const totalMinor = qboMinor(qbo?.TotalAmt, draft.currency, draft.totalMinor);
  const txnDate = qbo?.TxnDate ?? localDate(row.createdAt, zone);
  return {
    id: row.id,
    number: qbo?.DocNumber ?? '',
    clientId: row.clientId,
    customerId: row.customerId,
    customerName: row.customerName,
    txnDate,
    dueDate: qbo?.DueDate ?? txnDate,
    totalMinor: convert(totalMinor),
    balanceMinor: convert(qboMinor(qbo?.Balance, draft.currency, totalMinor)),
    serviceMinor: convert(service.reduce((s, l) => s + l.amountMinor, 0)),
    unattributed: [...uncovered].map(([projectId, lines]) => ({ projectId, amountMinor: convert(lines.reduce((s, l) => s + l.amountMinor, 0)) })),
    ended: Boolean(row.ended),
  };
}

/**
 * The invoices QuickBooks created, and each entry's share of the live one that still bills it
 * (an entry released from an invoice has left its `entryIds`). `zone` dates an invoice not read back yet.
 */
export function reportInvoices(rows: readonly InvoiceRow[], home: string, zone: string): { invoices: ReportInvoice[]; shares: Map<string, InvoiceShare> } {
  const created = rows.filter((r) => r.state === 'created');
  const shares = new Map<string, InvoiceShare>();
  for (const row of created) {
    if (row.ended) continue;
    const billed = new Set(row.entryIds);
    for (const a of row.draft.entryAmounts) {
      if (billed.has(a.entryId)) shares.set(a.entryId, { invoiceId: row.id, amountMinor: toHomeMinor(a.amountMinor, row.draft, home) });
    }
  }
  return { invoices: created.map((r) => reportInvoice(r, home, zone)), shares };
}

/**
 * Live payments with the invoices they pay named by our ids (a payment of an invoice the app did not
 * make keeps only its total), and the client through the customer's invoices. A payment in another
 * currency is converted at the exchange rate of the first invoice of ours in that currency it pays.
 */
export function reportPayments(rows: readonly PaymentRow[], invoices: readonly InvoiceRow[], home: string): ReportPayment[] {
  const ours = new Map(invoices.filter((r) => r.qboId !== undefined).map((r) => [`${r.companyId}:${r.qboId}`, r]));
  const clientOf = new Map(invoices.filter((r) => r.clientId !== null).map((r) => [`${r.companyId}:${r.customerId}`, r.clientId]));
  return rows.map((p) => {
    const paid = p.applied.flatMap((a) => {
      const invoice = ours.get(`${p.companyId}:${a.invoiceQboId}`);
      return invoice ? [{ invoice, amountMinor: a.amountMinor }] : [];
    });
    const draft = { currency: p.currency, exchangeRate: paid.find((x) => x.invoice.draft.currency === p.currency)?.invoice.draft.exchangeRate ?? null };
    return {
      id: p.id,
      customerId: p.customerId,
      clientId: clientOf.get(`${p.companyId}:${p.customerId}`) ?? null,
      txnDate: p.txnDate,
      totalMinor: toHomeMinor(p.totalMinor, draft, home),
      applied: paid.map(({ invoice, amountMinor }) => ({ invoiceId: invoice.id, amountMinor: toHomeMinor(amountMinor, draft, home) })),
    };
  });
}
