// Payments back from QuickBooks, against a fake QuickBooks (the sandbox learns Payment in parallel):
// a full payment turns the invoice's entries and expenses paid, a partial one leaves them invoiced,
// a deleted payment reopens the invoice and is told once, money not applied to an invoice is shown,
// and nothing is ever written to QuickBooks.
import { beforeEach, describe, expect, it } from 'vitest';
import type { InvokeChannel } from '../../../shared/ipc/contract';
import type { QboInvoice, QboPayment } from '../../../shared/qbo/types';
import { LockedEntryError } from '../../../renderer/src/db/errors';
import type { ExpenseRow, InvoiceRow, SyncRecordRow } from '../../../renderer/src/db/schema';
import { createInvoiceService } from '../../../renderer/src/features/invoices/engine/service';
import { advanceStatus, testEnv, type TestEnv } from '../db/helpers';
import { fakeQboPort, notFound, ok } from '../quickbooks/fake-port';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 4, 12);

/** QuickBooks as far as payments go: applying one lowers the invoice's Balance, deleting it raises it again; CDC answers every change so far. */
function fakeBooks() {
  const invoices = new Map<string, QboInvoice>([['42', { Id: '42', SyncToken: '0', DocNumber: '1042', TxnDate: '2026-12-01', DueDate: '2026-12-15', CustomerRef: { value: '7', name: 'Acme Corp' }, TotalAmt: 1200, Balance: 1200, Line: [] } as QboInvoice]]);
  const payments = new Map<string, QboPayment>();
  const cdc = { Invoice: new Map<string, object>(), Payment: new Map<string, object>() };
  const calls: Array<{ channel: InvokeChannel; request: unknown }> = [];
  const rebalance = (invoiceId: string, by: number) => {
    const inv = invoices.get(invoiceId)!;
    const next = { ...inv, Balance: Math.round((inv.Balance! + by) * 100) / 100 };
    invoices.set(invoiceId, next);
    cdc.Invoice.set(invoiceId, next);
  };
  const lines = (p: QboPayment) => (p.Line ?? []).map((l) => [l.LinkedTxn![0]!.TxnId, l.Amount] as const);
  const port = fakeQboPort((channel, request) => {
    calls.push({ channel, request });
    const r = request as { entity?: string; id?: string; where?: string };
    if (channel === 'qbo:getChanges') return ok({ changes: { Invoice: [...cdc.Invoice.values()], Payment: [...cdc.Payment.values()] } });
    if (channel === 'qbo:readEntity') return invoices.has(r.id!) ? ok({ data: invoices.get(r.id!) }) : notFound;
    if (channel === 'qbo:queryAll' && r.entity === 'Payment') {
      const customer = /^CustomerRef = '(.*)'$/.exec(r.where ?? '')?.[1];
      return ok({ items: [...payments.values()].filter((p) => p.CustomerRef.value === customer) });
    }
    throw new Error(`Nothing but reads: ${channel}`);
  });
  return {
    port,
    calls,
    pay(id: string, txnDate: string, applied: Array<[string, number]>, unapplied = 0) {
      const total = applied.reduce((s, [, a]) => s + a, 0) + unapplied;
      const p: QboPayment = { Id: id, SyncToken: '0', TxnDate: txnDate, CustomerRef: { value: '7', name: 'Acme Corp' }, TotalAmt: total, UnappliedAmt: unapplied, Line: applied.map(([TxnId, Amount]) => ({ Amount, LinkedTxn: [{ TxnId, TxnType: 'Invoice' }] })) };
      payments.set(id, p);
      cdc.Payment.set(id, p);
      for (const [invoiceId, amount] of applied) rebalance(invoiceId, -amount);
    },
    voidInvoice(id: string) {
      const next = { ...invoices.get(id)!, TotalAmt: 0, Balance: 0, PrivateNote: 'Voided' };
      invoices.set(id, next);
      cdc.Invoice.set(id, next);
    },
    deletePayment(id: string) {
      const p = payments.get(id)!;
      payments.delete(id);
      cdc.Payment.set(id, { Id: id, status: 'Deleted' });
      for (const [invoiceId, amount] of lines(p)) rebalance(invoiceId, amount);
    },
  };
}

async function world() {
  const env: TestEnv = await testEnv(NOW);
  const project = await env.repos.projects.create({ name: 'Acme site', billable: true });
  const ids: string[] = [];
  for (const hour of [9, 11]) ids.push((await env.repos.entries.create({ projectId: project.id, start: Date.UTC(2026, 10, 20, hour), end: Date.UTC(2026, 10, 20, hour + 1), zone: 'UTC' })).id);
  await env.repos.entries.approve(ids);
  await advanceStatus(env.repos, ids, 'synced');
  await advanceStatus(env.repos, ids, 'invoiced');
  const books = fakeBooks();
  const invoice: InvoiceRow = {
    id: 'inv-1', companyId: 'primary', customerId: '7', customerName: 'Acme Corp', clientId: null, state: 'created', requestId: 'r-1', attempts: 1,
    draft: { customerId: '7', currency: 'USD', exchangeRate: null, lines: [], subtotalMinor: 120_000, tax: [], taxMinor: 0, totalMinor: 120_000, entryAmounts: ids.map((entryId) => ({ entryId, amountMinor: 60_000 })), payload: { CustomerRef: { value: '7' }, Line: [] }, notes: [] },
    entryIds: ids, links: ids.map((_, i) => ({ timeActivityId: `ta${i}`, key: `k${i}` })), qboId: '42', qbo: (await books.port.read('Invoice', '42'))!, expenseIds: ['exp-1'], createdAt: NOW, updatedAt: NOW,
  };
  const expense: ExpenseRow = { id: 'exp-1', companyId: 'primary', localDate: '2026-11-20', amountMinor: 5_000, currency: 'USD', categoryId: 'travel', projectId: project.id, note: 'Train', billable: true, receiptId: null, state: 'invoiced', invoiceId: 'inv-1', createdAt: NOW, updatedAt: NOW };
  // Each entry's TimeActivity, billed on the invoice (what a voided invoice releases).
  await env.db.syncRecords.bulkAdd(ids.map((id, i) => ({ key: `k${i}`, qboId: `ta${i}`, syncToken: '0', entryIds: [id], entryVersions: [1], payload: {} as SyncRecordRow['payload'], payloadHash: '', billableStatus: 'HasBeenBilled' as const, updatedAt: NOW })));
  await env.db.invoices.add(invoice);
  await env.db.expenses.add(expense);
  books.calls.length = 0;
  const service = createInvoiceService({ repos: env.repos, port: books.port, today: () => '2026-12-04', now: () => env.clock.now });
  const statuses = async () => ({ entries: await Promise.all(ids.map(async (id) => (await env.repos.entries.get(id))!.status)), expense: (await env.db.expenses.get('exp-1'))!.state });
  return { ...env, ids, books, service, statuses };
}

let w: Awaited<ReturnType<typeof world>>;
beforeEach(async () => {
  w = await world();
  await w.service.refresh(); // the first look (each invoice read, its customer's payments queried): nothing paid yet
  w.books.calls.length = 0;
});

describe('an invoice paid in QuickBooks', () => {
  it('paid in full: its entries and expenses turn paid, with the date in the audit, and the list says so', async () => {
    w.books.pay('90', '2026-12-03', [['42', 1200]]);
    await w.service.refresh();
    expect(await w.statuses()).toEqual({ entries: ['paid', 'paid'], expense: 'paid' });
    expect((await w.repos.audit.listForEntity(w.ids[0]!)).at(-1)).toMatchObject({ action: 'status', note: 'Invoice 1042 paid on 2026-12-03' });
    const [summary] = await w.service.list();
    expect(summary).toMatchObject({ status: 'paid', paid: { words: 'Paid US$1,200.00 on 3 Dec 2026', payments: [{ paymentQboId: '90', txnDate: '2026-12-03', amountMinor: 120_000 }] } });
  });

  it('partly paid: the entries stay invoiced and the invoice says what is paid and what is due', async () => {
    w.books.pay('90', '2026-12-03', [['42', 500]]);
    await w.service.refresh();
    expect(await w.statuses()).toEqual({ entries: ['invoiced', 'invoiced'], expense: 'invoiced' });
    const [summary] = await w.service.list();
    expect(summary).toMatchObject({ status: 'partlyPaid', balanceMinor: 70_000, paid: { words: 'Partly paid: US$500.00 of US$1,200.00, US$700.00 due 15 Dec' } });
  });

  it('a paid entry refuses edits, in words', async () => {
    w.books.pay('90', '2026-12-03', [['42', 1200]]);
    await w.service.refresh();
    const error = await w.repos.entries.update(w.ids[0]!, { description: 'more detail' }, { confirmed: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockedEntryError);
    expect((error as Error).message).toBe('This entry is paid and can no longer be changed here: void the invoice or issue a credit memo in QuickBooks to change it.');
  });

  it('nothing is written to QuickBooks: it asks CDC for Invoice and Payment together, and only reads', async () => {
    w.books.pay('90', '2026-12-03', [['42', 1200]]);
    await w.service.refresh();
    expect(new Set(w.books.calls.map((c) => c.channel))).toEqual(new Set(['qbo:getChanges']));
    expect(w.books.calls[0]!.request).toMatchObject({ entities: ['Invoice', 'Payment'] });
  });
});

describe('a payment deleted in QuickBooks', () => {
  it('reopens the invoice: entries and expenses back to invoiced, told once until dismissed', async () => {
    w.books.pay('90', '2026-12-03', [['42', 500]]);
    w.books.pay('91', '2026-12-04', [['42', 700]]);
    await w.service.refresh();
    expect((await w.statuses()).entries).toEqual(['paid', 'paid']);
    w.books.deletePayment('91');
    await w.service.refresh();
    await w.service.refresh(); // CDC answers the delete again: still told once
    expect(await w.statuses()).toEqual({ entries: ['invoiced', 'invoiced'], expense: 'invoiced' });
    expect((await w.repos.audit.listForEntity(w.ids[0]!)).at(-1)).toMatchObject({ note: 'Payment deleted in QuickBooks: invoice 1042 is open again' });
    const { notices } = await w.service.payments();
    expect(notices.map((n) => n.message)).toEqual(['Payment of US$700.00 from Acme Corp was deleted in QuickBooks; invoice 1042 is open again']);
    expect((await w.service.list())[0]).toMatchObject({ status: 'partlyPaid', paid: { payments: [{ paymentQboId: '90' }] } });
    await w.service.dismissPaymentNotice(notices[0]!.id);
    expect((await w.service.payments()).notices).toEqual([]);
  });

  it('after a pause longer than CDC looks back, the customer’s payments are queried and the missing one counts as deleted', async () => {
    w.books.pay('90', '2026-12-03', [['42', 1200]]);
    await w.service.refresh();
    w.books.deletePayment('90');
    w.clock.advance(31 * DAY);
    w.books.calls.length = 0;
    await w.service.refresh();
    expect(w.books.calls.map((c) => c.channel)).toEqual(['qbo:readEntity', 'qbo:queryAll']);
    expect(w.books.calls[1]!.request).toMatchObject({ entity: 'Payment', where: "CustomerRef = '7'" });
    expect(await w.statuses()).toEqual({ entries: ['invoiced', 'invoiced'], expense: 'invoiced' });
    expect((await w.service.payments()).notices.map((n) => n.message)).toEqual(['Payment of US$1,200.00 from Acme Corp was deleted in QuickBooks; invoice 1042 is open again']);
  });
});

describe('a paid invoice voided in QuickBooks', () => {
  it('releases its time and expenses as any voided invoice does: the entries go back to synced and the expense to pushed, ready to bill again', async () => {
    w.books.pay('90', '2026-12-03', [['42', 1200]]);
    await w.service.refresh();
    w.books.voidInvoice('42');
    await w.service.refresh();
    expect(await w.statuses()).toEqual({ entries: ['synced', 'synced'], expense: 'pushed' });
    expect((await w.service.list())[0]).toMatchObject({ status: 'voided' });
  });
});

describe('money not applied to any invoice', () => {
  it('is shown per customer, in words, beside what the payment did apply', async () => {
    w.books.pay('92', '2026-12-02', [['42', 200]], 300);
    await w.service.refresh();
    const { unapplied } = await w.service.payments();
    expect(unapplied).toEqual([expect.objectContaining({ customerName: 'Acme Corp', unappliedMinor: 30_000, sentences: ['Acme Corp paid US$300.00 on 2 Dec that is not applied to any invoice — apply it in QuickBooks'] })]);
    expect((await w.service.list())[0]!.paid!.words).toBe('Partly paid: US$200.00 of US$1,200.00, US$1,000.00 due 15 Dec');
  });
});
