// Expenses reach QuickBooks as Purchases exactly once: through lost answers, a crash between storing
// and sending, 503s and an expired connection; edits become updates, deletes deletes; a billable
// expense gets the ReimburseCharge QuickBooks made for it and is offered to invoices.
import { describe, expect, it } from 'vitest';
import { billableExpenses } from '../../../renderer/src/features/expenses/engine/billable';
import { pushExpenses, type PushDeps } from '../../../renderer/src/features/expenses/engine/push';
import { fakeCompany, type FakeCompany } from './fake-port';
import { expenseWorld, travel, type ExpenseWorld } from './world';

let requests = 0;
function push(w: ExpenseWorld, qbo: FakeCompany, over: Partial<PushDeps> = {}) {
  return pushExpenses({ repos: w.repos, port: qbo.port, newId: () => `req-${++requests}`, sleep: async () => {}, ...over });
}

describe('sending an expense', () => {
  it('makes a Purchase paid from the card, billable to the project’s customer, and keeps its ReimburseCharge for invoicing', async () => {
    const w = await expenseWorld();
    const qbo = fakeCompany();
    await w.repos.mirrorOf('primary').putEntities([{ kind: 'item', id: 'i9', name: 'Reimbursable expenses', active: true, subtype: 'Service' }]);
    const e = await w.repos.expenses.save(travel({ projectId: w.projectId, billable: true }));
    expect(await push(w, qbo)).toEqual({ sent: 1, failed: 0, blocked: 0, waiting: 0 });
    const [purchase] = [...qbo.purchases.values()];
    expect(purchase).toMatchObject({
      TxnDate: '2026-11-01',
      PaymentType: 'CreditCard',
      AccountRef: { value: '41' },
      TotalAmt: 12.5,
      Line: [{ Amount: 12.5, Description: 'Train to the client', AccountBasedExpenseLineDetail: { AccountRef: { value: '7' }, BillableStatus: 'Billable', CustomerRef: { value: 'c1' }, ClassRef: { value: 'k1' } } }],
    });
    expect(purchase).not.toHaveProperty('CurrencyRef');
    expect(await w.repos.expenses.get(e.id)).toMatchObject({ state: 'pushed', qboId: purchase!.Id, syncToken: '0', reimburseChargeId: `rc-${purchase!.Id}` });
    expect(await billableExpenses(w.repos, 'primary', '2026-11-30')).toEqual([
      { expenseId: e.id, reimburseChargeId: `rc-${purchase!.Id}`, customerId: 'c1', projectId: w.projectId, localDate: '2026-11-01', amountMinor: 1250, description: 'Travel: Train to the client', itemId: 'i9' },
    ]);
    expect(await billableExpenses(w.repos, 'primary', '2026-10-31')).toEqual([]);
  });

  it('pays from a bank account as Cash, and a non-billable expense without a project has no customer', async () => {
    const w = await expenseWorld();
    await w.repos.settings.set('expensePaymentAccount', { primary: '35' });
    const qbo = fakeCompany();
    await w.repos.expenses.save(travel());
    await push(w, qbo);
    const [purchase] = [...qbo.purchases.values()];
    expect(purchase).toMatchObject({ PaymentType: 'Cash', AccountRef: { value: '35' } });
    expect(purchase!.Line[0]!.AccountBasedExpenseLineDetail).toEqual({ AccountRef: { value: '7' }, BillableStatus: 'NotBillable' });
  });
});

describe('exactly once', () => {
  it('resends with the same requestid when the answer is lost after QuickBooks recorded it', async () => {
    const w = await expenseWorld();
    const qbo = fakeCompany();
    qbo.faults.push('lost', 'lost');
    const e = await w.repos.expenses.save(travel());
    expect(await push(w, qbo)).toMatchObject({ sent: 1 });
    expect(qbo.created).toBe(1);
    expect(new Set(qbo.calls.map((c) => c.requestId)).size).toBe(1);
    expect(qbo.calls).toHaveLength(3);
    expect((await w.repos.expenses.get(e.id))!.state).toBe('pushed');
  });

  it('resumes a write stored before a crash with its requestid, in the next run', async () => {
    const w = await expenseWorld();
    const qbo = fakeCompany();
    const e = await w.repos.expenses.save(travel());
    // The first run recorded it in QuickBooks, lost the answer, and the app closed.
    qbo.faults.push('lost');
    expect(await push(w, qbo, { maxTries: 1 })).toMatchObject({ waiting: 1 });
    expect((await w.repos.expenses.get(e.id))!.state).toBe('sending');
    w.clock.advance(60_000);
    expect(await push(w, qbo)).toMatchObject({ sent: 1 });
    expect(qbo.created).toBe(1);
    expect(qbo.calls.map((c) => c.requestId)).toEqual([qbo.calls[0]!.requestId, qbo.calls[0]!.requestId]);
  });

  it('sends a write stored just before a crash (never sent) with the stored requestid', async () => {
    const w = await expenseWorld();
    const qbo = fakeCompany();
    const e = await w.repos.expenses.save(travel());
    await w.repos.expenses.markSending(e.id, { op: 'create', requestId: 'stored-before-crash' });
    await push(w, qbo);
    expect(qbo.calls).toEqual([{ op: 'create', requestId: 'stored-before-crash' }]);
    expect(qbo.created).toBe(1);
  });

  it('makes one Purchase when two runs start together', async () => {
    const w = await expenseWorld();
    const qbo = fakeCompany();
    await w.repos.expenses.save(travel());
    await Promise.all([push(w, qbo), push(w, qbo)]);
    expect(qbo.created).toBe(1);
    expect(new Set(qbo.calls.map((c) => c.requestId)).size).toBe(1);
  });

  it('waits and sends again through 503s', async () => {
    const w = await expenseWorld();
    const qbo = fakeCompany();
    qbo.faults.push('503', '503');
    const waits: number[] = [];
    await w.repos.expenses.save(travel());
    expect(await push(w, qbo, { sleep: async (ms) => void waits.push(ms) })).toMatchObject({ sent: 1 });
    expect(waits).toHaveLength(2);
    expect(qbo.created).toBe(1);
  });

  it('leaves expenses waiting when the connection expired, and sends each once after reconnecting', async () => {
    const w = await expenseWorld();
    const qbo = fakeCompany();
    qbo.faults.push('auth');
    const a = await w.repos.expenses.save(travel());
    w.clock.advance(1000);
    const b = await w.repos.expenses.save(travel({ amountMinor: 900 }));
    expect(await push(w, qbo)).toMatchObject({ sent: 0, waiting: 1 });
    expect(await w.repos.expenses.get(a.id)).toMatchObject({ state: 'sending', lastError: expect.stringMatching(/reconnect/) });
    expect((await w.repos.expenses.get(b.id))!.state).toBe('local');
    expect(await push(w, qbo)).toMatchObject({ sent: 2 });
    expect(qbo.created).toBe(2);
    expect(qbo.calls[0]!.requestId).toBe(qbo.calls[1]!.requestId);
  });
});

describe('refusals, edits and deletes', () => {
  it('keeps QuickBooks’ reason for a refusal, and sends again (a new request) only when asked', async () => {
    const w = await expenseWorld();
    const qbo = fakeCompany();
    qbo.faults.push('refuse');
    const e = await w.repos.expenses.save(travel());
    expect(await push(w, qbo)).toMatchObject({ failed: 1 });
    expect(await w.repos.expenses.get(e.id)).toMatchObject({ state: 'failed', lastError: 'QuickBooks refused this expense: The account period has closed.' });
    await push(w, qbo);
    expect(qbo.calls).toHaveLength(1);
    await push(w, qbo, { retryRefused: true });
    expect(qbo.calls).toHaveLength(2);
    expect(qbo.calls[1]!.requestId).not.toBe(qbo.calls[0]!.requestId);
    expect((await w.repos.expenses.get(e.id))!.state).toBe('pushed');
  });

  it('sends an edit as an update of the same Purchase, re-reading it when it changed in QuickBooks', async () => {
    const w = await expenseWorld();
    const qbo = fakeCompany();
    const e = await w.repos.expenses.save(travel());
    await push(w, qbo);
    await w.repos.expenses.save(travel({ amountMinor: 3000 }), e.id);
    qbo.faults.push('stale');
    expect(await push(w, qbo)).toMatchObject({ sent: 1 });
    const [purchase] = [...qbo.purchases.values()];
    expect(qbo.purchases.size).toBe(1);
    expect(purchase).toMatchObject({ TotalAmt: 30, SyncToken: '2' });
    expect(qbo.calls.map((c) => c.op)).toEqual(['create', 'update', 'update']);
    expect(await w.repos.expenses.get(e.id)).toMatchObject({ state: 'pushed', syncToken: '2' });
  });

  it('forgets the ReimburseCharge of an expense made not billable, and says so when the Purchase was deleted in QuickBooks', async () => {
    const w = await expenseWorld();
    const qbo = fakeCompany();
    const e = await w.repos.expenses.save(travel({ projectId: w.projectId, billable: true }));
    await push(w, qbo);
    expect((await w.repos.expenses.get(e.id))!.reimburseChargeId).toBeDefined();
    await w.repos.expenses.save(travel({ projectId: w.projectId, billable: false }), e.id);
    await push(w, qbo);
    expect((await w.repos.expenses.get(e.id))!.reimburseChargeId).toBeUndefined();
    qbo.purchases.clear();
    await w.repos.expenses.save(travel({ projectId: w.projectId, amountMinor: 99 }), e.id);
    expect(await push(w, qbo)).toMatchObject({ failed: 1 });
    expect(await w.repos.expenses.get(e.id)).toMatchObject({ state: 'failed', lastError: expect.stringMatching(/it was deleted in QuickBooks\. Delete it here too/) });
  });

  it('deletes the Purchase of a deleted expense, then forgets it', async () => {
    const w = await expenseWorld();
    const qbo = fakeCompany();
    const e = await w.repos.expenses.save(travel());
    await push(w, qbo);
    await w.repos.expenses.remove(e.id);
    expect((await w.repos.expenses.get(e.id))!.deletedAt).toBeDefined();
    await push(w, qbo);
    expect(qbo.purchases.size).toBe(0);
    expect(await w.repos.expenses.get(e.id)).toBeUndefined();
  });

  it('locks an expense on an invoice, naming the invoice', async () => {
    const w = await expenseWorld();
    const e = await w.repos.expenses.save(travel());
    await w.db.invoices.put({ id: 'inv1', qbo: { Id: '9', DocNumber: '1042' } } as never);
    await w.db.expenses.put({ ...e, state: 'invoiced', invoiceId: 'inv1' });
    await expect(w.repos.expenses.save(travel({ amountMinor: 1 }), e.id)).rejects.toThrow(/on invoice 1042\. To change it, remove its line from the invoice in QuickBooks/);
    await expect(w.repos.expenses.remove(e.id)).rejects.toThrow(/invoice 1042/);
  });
});

describe('pre-flight', () => {
  const cases: Array<[string, (w: ExpenseWorld) => Promise<unknown>, RegExp]> = [
    ['a category without an account', (w) => w.repos.expenses.save(travel({ categoryId: 'software' })), /"Software" is not linked to a QuickBooks expense account/],
    ['an inactive expense account', (w) => w.repos.expenses.save(travel({ categoryId: 'meals' })), /expense account for "Meals" \("Meals"\) is inactive/],
    ['no payment account', async (w) => { await w.repos.settings.set('expensePaymentAccount', {}); return w.repos.expenses.save(travel()); }, /Choose the bank or credit card account/],
    ['a project without a customer', async (w) => w.repos.expenses.save(travel({ projectId: (await w.repos.projects.create({ name: 'Internal', currency: 'USD' })).id })), /"Internal" is not linked to a QuickBooks customer/],
    ['an inactive customer', async (w) => w.repos.expenses.save(travel({ projectId: (await w.repos.projects.create({ name: 'Old', qboCustomerId: 'c2', currency: 'USD' })).id })), /"Gone Ltd" is inactive in QuickBooks/],
    ['another currency than the card’s', (w) => w.repos.expenses.save(travel({ currency: 'EUR' })), /in EUR, but "Visa" is in USD/],
    ['a chart of accounts never imported', async (w) => { await w.repos.mirrorOf('primary').setState('accounts', []); return w.repos.expenses.save(travel()); }, /has not been read from QuickBooks yet/],
    ['billable without a project', (w) => w.repos.expenses.save(travel({ billable: true })), /A billable expense needs a project/],
  ];
  it.each(cases)('stops %s with what to do, and sends nothing', async (_name, arrange, message) => {
    const w = await expenseWorld();
    const qbo = fakeCompany();
    const e = (await arrange(w)) as { id: string };
    expect(await push(w, qbo)).toMatchObject({ blocked: 1, sent: 0 });
    expect(qbo.calls).toEqual([]);
    expect(await w.repos.expenses.get(e.id)).toMatchObject({ state: 'local', lastError: expect.stringMatching(message) });
  });
});
