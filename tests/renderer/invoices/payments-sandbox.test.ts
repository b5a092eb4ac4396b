// Payments back against the local QuickBooks sandbox (its Payment support comes with the sandbox
// branch): a payment recorded there turns the invoice's entries paid, a partial one leaves them
// invoiced, a deleted one reopens the invoice, money not applied is shown.
import { describe, expect, it } from 'vitest';
import { createSyncEngine } from '../../../renderer/src/features/quickbooks/engine/engine';
import { createInvoiceService } from '../../../renderer/src/features/invoices/engine/service';
import { control, makeEntries, sandboxState, world, type World } from '../quickbooks/setup';
import { useWorldSandbox } from '../quickbooks/sandbox-hooks';

const SCALE = 60;
const qbo = useWorldSandbox(SCALE, { seed: 11 });
const RANGE = { from: '2026-10-01', to: '2026-10-31' };
const TODAY = '2026-11-02';

/** One invoice in the sandbox for N synced entries, and the service that made it. */
async function invoicedWorld(n: number) {
  const w: World = await world(qbo.conn, { projects: 1 });
  const ids = await makeEntries(w, n);
  await w.repos.entries.approve(ids);
  expect(await createSyncEngine({ repos: w.repos, port: w.conn.port, retryScale: SCALE }).run()).toMatchObject({ failed: 0, remaining: 0 });
  const service = createInvoiceService({ repos: w.repos, port: w.conn.port, today: () => TODAY, sleep: async () => {} });
  const [customer] = (await service.unbilled(RANGE)).customers;
  await service.create(await service.preview([customer!.customerId], RANGE));
  await service.refresh(); // the first look reads each invoice and queries its customer's payments
  const state = (await sandboxState(qbo.sandbox)) as { entities: { Invoice: Record<string, { Id: string; TotalAmt: number; CustomerRef: { value: string } }> } };
  const invoice = Object.values(state.entities.Invoice)[0]!;
  const statuses = async () => Promise.all(ids.map(async (id) => (await w.repos.entries.get(id))!.status));
  return { w, ids, service, invoice, statuses };
}

describe('payments recorded in QuickBooks', () => {
  it('a full payment turns the entries paid; deleting it reopens the invoice, told once', async () => {
    const { service, invoice, statuses } = await invoicedWorld(3);
    const { Payment: payment } = (await control(qbo.sandbox, 'payments', { customerId: invoice.CustomerRef.value, amount: invoice.TotalAmt, invoices: [{ id: invoice.Id, amount: invoice.TotalAmt }], txnDate: '2026-11-01' })) as { Payment: { Id: string } };
    await service.refresh();
    expect(await statuses()).toEqual(['paid', 'paid', 'paid']);
    expect((await service.list())[0]).toMatchObject({ status: 'paid', paid: { words: expect.stringMatching(/^Paid .* on 1 Nov 2026$/) } });
    await control(qbo.sandbox, `payments/${payment.Id}/delete`);
    await service.refresh();
    expect(await statuses()).toEqual(['invoiced', 'invoiced', 'invoiced']);
    expect((await service.payments()).notices.map((n) => n.message)).toEqual([expect.stringMatching(/was deleted in QuickBooks; invoice \S+ is open again$/)]);
  });

  it('a partial payment with money left over: partly paid, entries invoiced, the rest shown as unapplied', async () => {
    const { service, invoice, statuses } = await invoicedWorld(2);
    await control(qbo.sandbox, 'payments', { customerId: invoice.CustomerRef.value, amount: 10 + 3, invoices: [{ id: invoice.Id, amount: 10 }], txnDate: '2026-11-01' });
    await service.refresh();
    expect(await statuses()).toEqual(['invoiced', 'invoiced']);
    expect((await service.list())[0]).toMatchObject({ status: 'partlyPaid', paid: { words: expect.stringMatching(/^Partly paid: US\$10\.00 of /) } });
    expect((await service.payments()).unapplied[0]!.sentences).toEqual([expect.stringMatching(/paid US\$3\.00 on 1 Nov that is not applied to any invoice — apply it in QuickBooks$/)]);
  });
});
