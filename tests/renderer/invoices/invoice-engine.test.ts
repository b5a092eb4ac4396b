// Invoicing against the local QuickBooks sandbox (limits on, time-scaled) through main's real client:
// what can be billed, the invoice QuickBooks gets (lines, links, totals), entries locked as invoiced,
// exactly once through 503s, drops after commit, an expired token and a crash between storing and
// sending, and following QuickBooks when the invoice is voided, deleted or changed there.
import { describe, expect, it } from 'vitest';
import { createSyncEngine } from '../../../renderer/src/features/quickbooks/engine/engine';
import { createInvoiceService } from '../../../renderer/src/features/invoices/engine/service';
import { invoiceRow } from '../../../renderer/src/features/invoices/engine/create';
import { reconciliationReportRun } from '../../../renderer/src/features/quickbooks/engine/reconcile-run';
import { control, makeEntries, sandboxState, world, type World } from '../quickbooks/setup';
import { useWorldSandbox } from '../quickbooks/sandbox-hooks';

const SCALE = 60;
const qbo = useWorldSandbox(SCALE, { seed: 11 });
const RANGE = { from: '2026-10-01', to: '2026-10-31' };
const TODAY = '2026-11-02';

const serviceFor = (w: World) => createInvoiceService({ repos: w.repos, port: w.conn.port, today: () => TODAY, sleep: async () => {} });

/** N entries approved and synced to the sandbox. */
async function syncedWorld(n: number, projects = 2): Promise<{ w: World; ids: string[] }> {
  const w = await world(qbo.conn, { projects });
  const ids = await makeEntries(w, n);
  await w.repos.entries.approve(ids);
  const result = await createSyncEngine({ repos: w.repos, port: w.conn.port, retryScale: SCALE }).run();
  expect(result).toMatchObject({ failed: 0, remaining: 0 });
  return { w, ids };
}

async function sandboxInvoices(): Promise<Array<Record<string, unknown>>> {
  const state = (await sandboxState(qbo.sandbox)) as { entities: { Invoice?: Record<string, Record<string, unknown>> } };
  return Object.values(state.entities.Invoice ?? {});
}

async function sandboxTime(): Promise<Array<Record<string, unknown>>> {
  const state = (await sandboxState(qbo.sandbox)) as { entities: { TimeActivity?: Record<string, Record<string, unknown>> } };
  return Object.values(state.entities.TimeActivity ?? {});
}

describe('what can be billed', () => {
  it('lists synced billable time per customer with projects and tasks, and warns about time not synced yet', async () => {
    const { w } = await syncedWorld(6);
    const extra = await makeEntries(w, 2, Date.UTC(2026, 9, 20, 13, 0));
    await w.repos.entries.approve([extra[0]!]);
    const view = await serviceFor(w).unbilled(RANGE);
    const minutes = view.customers.reduce((s, c) => s + c.minutes, 0);
    expect(minutes).toBe([15, 16, 17, 18, 15, 16].reduce((a, b) => a + b, 0));
    expect(view.customers.every((c) => c.projects.length > 0 && c.amountMinor > 0)).toBe(true);
    expect(view.leftBehind.map((l) => l.status).sort()).toEqual(['approved', 'draft']);
    expect(view.leftBehind.find((l) => l.status === 'draft')!.message).toMatch(/1 billable entry .* is not approved yet/);
  });
});

describe('creating an invoice', () => {
  it('creates one invoice per customer whose lines link every TimeActivity, and locks the entries as invoiced', async () => {
    const { w, ids } = await syncedWorld(8, 1);
    const service = serviceFor(w);
    const [customer] = (await service.unbilled(RANGE)).customers;
    const previews = await service.preview([customer!.customerId], RANGE);
    expect(previews).toHaveLength(1);
    expect(previews[0]!.issues.filter((i) => i.blocking)).toEqual([]);
    const result = await service.create(previews);
    expect(result.failed).toEqual([]);
    expect(result.created).toHaveLength(1);
    const [invoice] = await sandboxInvoices();
    expect(Math.round(Number(invoice!.TotalAmt) * 100)).toBe(previews[0]!.draft.totalMinor);
    const tas = await sandboxTime();
    expect(tas.every((t) => t.BillableStatus === 'HasBeenBilled')).toBe(true);
    for (const id of ids) expect((await w.repos.entries.get(id))!.status).toBe('invoiced');
    expect((await service.unbilled(RANGE)).customers).toEqual([]);
    const [summary] = await service.list();
    expect(summary).toMatchObject({ status: 'draft', docNumber: invoice!.DocNumber, totalMinor: previews[0]!.draft.totalMinor });
  });
});

describe('pre-flight', () => {
  it('blocks an invoice whose time QuickBooks already billed elsewhere, naming the day', async () => {
    const { w } = await syncedWorld(3, 1);
    const [ta] = await sandboxTime();
    // Someone invoices one TimeActivity in QuickBooks itself.
    const [item] = (await w.conn.port.queryAll('Item', "Type = 'Service'")).filter((i) => i.IncomeAccountRef);
    const customerId = (ta!.CustomerRef as { value: string }).value;
    await w.conn.port.createInvoice(crypto.randomUUID(), { CustomerRef: { value: customerId }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: 10, SalesItemLineDetail: { ItemRef: { value: item!.Id } }, LinkedTxn: [{ TxnId: ta!.Id, TxnType: 'TimeActivity' }] }] });
    const service = serviceFor(w);
    const [customer] = (await service.unbilled(RANGE)).customers;
    const [preview] = await service.preview([customer!.customerId], RANGE);
    const issue = preview!.issues.find((i) => i.code === 'already_billed');
    expect(issue).toMatchObject({ blocking: true });
    expect(issue!.message).toMatch(/^QuickBooks already shows time on \d+ \w+ 2026 as billed on another invoice/);
    expect(await service.create([preview!])).toEqual({ created: [], failed: [] });
  });
});

describe('the same numbers everywhere', () => {
  it("the reconciliation report's invoiced column adds up to the invoice, overtime included, beside the approved amounts at base rate", async () => {
    const { w } = await syncedWorld(12, 1);
    await w.repos.settings.set('invoiceMultipliers', { weekStartsOn: 1, dailyOvertime: { thresholdMinutes: 60, percent: 150 }, weeklyOvertime: null, weekend: null, holidays: null });
    const service = serviceFor(w);
    const [customer] = (await service.unbilled(RANGE)).customers;
    const [preview] = await service.preview([customer!.customerId], RANGE);
    expect(preview!.draft.lines.some((l) => l.multiplier === 'dailyOvertime' && l.rule?.includes('Overtime ×1.5'))).toBe(true);
    await service.create([preview!]);
    const report = await reconciliationReportRun({ repos: w.repos, port: w.conn.port, range: RANGE });
    const sum = (k: 'invoicedAmountMinor' | 'approvedAmountMinor' | 'qboAmountMinor') => report.rows.reduce((s, r) => s + r[k], 0);
    expect(sum('invoicedAmountMinor')).toBe(preview!.draft.subtotalMinor);
    const [invoice] = await sandboxInvoices();
    expect(Math.round(Number(invoice!.TotalAmt) * 100)).toBe(sum('invoicedAmountMinor'));
    // At base rate the approved time and QuickBooks agree; the invoice adds the overtime premium on top.
    expect(sum('qboAmountMinor')).toBe(sum('approvedAmountMinor'));
    expect(sum('invoicedAmountMinor')).toBeGreaterThan(sum('approvedAmountMinor'));
  });
});

describe('exactly once', () => {
  it('a crash after storing and before sending resends the same request: one invoice', async () => {
    const { w } = await syncedWorld(4, 1);
    const service = serviceFor(w);
    const [customer] = (await service.unbilled(RANGE)).customers;
    const [preview] = await service.preview([customer!.customerId], RANGE);
    const row = invoiceRow(preview!, 'primary', { newId: () => crypto.randomUUID(), now: () => Date.now() });
    await w.repos.invoices.saveSending([row]);
    // The answer was lost: QuickBooks made the invoice, the app never heard.
    await w.conn.port.createInvoice(row.requestId, row.draft.payload);
    await serviceFor(w).refresh();
    expect(await sandboxInvoices()).toHaveLength(1);
    expect((await w.repos.invoices.get(row.id))!.state).toBe('created');
  });

  it('many invoices through 503s, drops after commit and an expired token: each exactly once', async () => {
    const { w } = await syncedWorld(40, 3);
    await control(qbo.sandbox, 'faults', { errorRate: 0.15, dropAfterCommitRate: 0.15, expireAccessTokens: true });
    const service = serviceFor(w);
    await w.repos.settings.set('invoiceLayouts', { defaultLayout: { grouping: 'perProject', detail: 'taskDay', descriptionTemplate: '{project}' }, byClient: {} });
    const customers = (await service.unbilled(RANGE)).customers.map((c) => c.customerId);
    const previews = await service.preview(customers, RANGE);
    await service.create(previews);
    await service.refresh();
    await control(qbo.sandbox, 'faults', { errorRate: 0, dropAfterCommitRate: 0 });
    await service.refresh();
    const invoices = await sandboxInvoices();
    expect(invoices).toHaveLength(previews.length);
    const linked = invoices.flatMap((i) => (i.Line as Array<{ LinkedTxn?: Array<{ TxnId: string }> }>).flatMap((l) => l.LinkedTxn ?? []).map((t) => t.TxnId));
    expect(new Set(linked).size).toBe(linked.length);
    expect((await sandboxTime()).filter((t) => t.BillableStatus !== 'HasBeenBilled')).toEqual([]);
  });
});

describe('following QuickBooks', () => {
  it('a voided invoice releases its time: the entries are unbilled again and can be invoiced anew', async () => {
    const { w, ids } = await syncedWorld(3, 1);
    const service = serviceFor(w);
    const [customer] = (await service.unbilled(RANGE)).customers;
    await service.create(await service.preview([customer!.customerId], RANGE));
    const [invoice] = await sandboxInvoices();
    await control(qbo.sandbox, `invoices/${String(invoice!.Id)}/void`);
    await service.refresh();
    expect((await service.list())[0]!.status).toBe('voided');
    for (const id of ids) expect((await w.repos.entries.get(id))!.status).toBe('synced');
    expect((await service.unbilled(RANGE)).customers).toHaveLength(1);
  });

  it('an invoice deleted in QuickBooks, seen through change data capture, releases its time and reads as deleted', async () => {
    const { w, ids } = await syncedWorld(2, 1);
    const service = serviceFor(w);
    const [customer] = (await service.unbilled(RANGE)).customers;
    await service.create(await service.preview([customer!.customerId], RANGE));
    await service.refresh(); // the first look reads each invoice; later ones ask CDC
    const [invoice] = await sandboxInvoices();
    await control(qbo.sandbox, `invoices/${String(invoice!.Id)}/delete`);
    await service.refresh();
    expect((await service.list())[0]!.status).toBe('deleted');
    for (const id of ids) expect((await w.repos.entries.get(id))!.status).toBe('synced');
    expect((await sandboxTime()).every((t) => t.BillableStatus === 'Billable')).toBe(true);
  });

  it('a changed line becomes a conflict with both sides in words until QuickBooks is accepted', async () => {
    const { w } = await syncedWorld(2, 1);
    const service = serviceFor(w);
    const [customer] = (await service.unbilled(RANGE)).customers;
    await service.create(await service.preview([customer!.customerId], RANGE));
    const [invoice] = await sandboxInvoices();
    const line = (invoice!.Line as Array<{ Id?: string; DetailType: string }>).find((l) => l.DetailType === 'SalesItemLineDetail')!;
    await control(qbo.sandbox, `invoices/${String(invoice!.Id)}/lines/${line.Id!}`, { Amount: 1, Qty: 0 });
    await service.refresh();
    const [changed] = await service.list();
    expect(changed!.conflict?.differences.join(' ')).toMatch(/QuickBooks/);
    await service.acceptQuickBooks(changed!.id);
    await service.refresh();
    expect((await service.list())[0]!.conflict).toBeNull();
  });
});

describe('tax and currency as QuickBooks computes them', () => {
  /** A world whose first project bills a taxable customer (or a foreign one) with a taxable service item. */
  async function billing(customerName: string, setup: () => Promise<void> = async () => {}): Promise<{ w: World; ids: string[] }> {
    await setup();
    const [item] = await qbo.conn.port.queryAll('Item', "Type = 'Service'").then((items) => items.filter((i) => i.IncomeAccountRef));
    await qbo.conn.client.write('Item', 'update', { Id: item!.Id, SyncToken: (item as { SyncToken?: string }).SyncToken, sparse: true, Taxable: true }, crypto.randomUUID());
    const w = await world(qbo.conn, { projects: 1 });
    const customer = (await qbo.conn.port.queryAll('Customer')).find((c) => c.DisplayName === customerName)!;
    await w.repos.projects.update(w.projects[0]!.id, { qboCustomerId: customer.Id, qboItemId: item!.Id });
    const ids = await makeEntries(w, 3);
    await w.repos.entries.approve(ids);
    expect(await createSyncEngine({ repos: w.repos, port: w.conn.port, retryScale: SCALE }).run()).toMatchObject({ failed: 0, remaining: 0 });
    return { w, ids };
  }

  it('US sales tax in the preview is the tax QuickBooks puts on the invoice, to the cent', async () => {
    const { w } = await billing("Jeff's Jalopies");
    const service = serviceFor(w);
    const [customer] = (await service.unbilled(RANGE)).customers;
    const [preview] = await service.preview([customer!.customerId], RANGE);
    expect(preview!.draft.taxMinor).toBeGreaterThan(0);
    expect(preview!.draft.lines.filter((l) => l.kind === 'time').every((l) => l.taxCodeId === 'TAX')).toBe(true);
    await service.create([preview!]);
    const [invoice] = await sandboxInvoices();
    expect(Math.round(Number((invoice!.TxnTaxDetail as { TotalTax: number }).TotalTax) * 100)).toBe(preview!.draft.taxMinor);
    expect(Math.round(Number(invoice!.TotalAmt) * 100)).toBe(preview!.draft.totalMinor);
  });

  it("a customer in euros is invoiced in euros at QuickBooks' exchange rate, as the preview showed", async () => {
    const { w } = await billing('Lumière Paris', async () => void (await control(qbo.sandbox, 'reset', { variant: 'multicurrency' })));
    const service = serviceFor(w);
    const [customer] = (await service.unbilled(RANGE)).customers;
    const [preview] = await service.preview([customer!.customerId], RANGE);
    expect(preview!.draft).toMatchObject({ currency: 'EUR', exchangeRate: { sourceCurrency: 'EUR', targetCurrency: 'USD', rate: '1.08' } });
    expect(preview!.issues.map((i) => i.code)).toEqual(['currency']);
    expect(preview!.issues[0]!.message).toContain('1 EUR = 1.08 USD');
    await service.create([preview!]);
    const [invoice] = await sandboxInvoices();
    expect(invoice).toMatchObject({ CurrencyRef: { value: 'EUR' }, ExchangeRate: 1.08 });
    expect(Math.round(Number(invoice!.TotalAmt) * 100)).toBe(preview!.draft.totalMinor);
  });
});
