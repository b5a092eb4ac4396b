// Expenses (Purchase) and the billable charges (ReimburseCharge) their billable lines make: what is
// refused, how an invoice bills a charge once, and what editing or deleting the expense does.
import { beforeAll, describe, expect, it } from 'vitest';
import { boot, clock, findId, firstError, rows, type Body } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

const c = clock();
const h = useSandbox(() => boot({ now: c.now }));
const ids = { cars: '', amy: '', checking: '', visa: '', travel: '', meals: '', reimbursable: '' };
beforeAll(async () => {
  ids.cars = await findId(h, 'Customer', 'DisplayName', 'Cool Cars');
  ids.amy = await findId(h, 'Customer', 'DisplayName', "Amy's Bird Sanctuary");
  ids.checking = await findId(h, 'Account', 'Name', 'Checking');
  ids.visa = await findId(h, 'Account', 'Name', 'Visa');
  ids.travel = await findId(h, 'Account', 'Name', 'Travel');
  ids.meals = await findId(h, 'Account', 'Name', 'Meals');
  ids.reimbursable = await findId(h, 'Item', 'Name', 'Reimbursable expenses');
});

const line = (Amount: number, account: string, billableTo?: string) => ({
  DetailType: 'AccountBasedExpenseLineDetail', Amount, Description: `Expense ${Amount}`,
  AccountBasedExpenseLineDetail: { AccountRef: { value: account }, ...(billableTo ? { BillableStatus: 'Billable', CustomerRef: { value: billableTo } } : {}) },
});
/** A card expense: 120 of travel billable to Cool Cars and 30 of meals not billable. */
const cardExpense = () => ({ PaymentType: 'CreditCard', AccountRef: { value: ids.visa }, TxnDate: '2026-01-10', Line: [line(120, ids.travel, ids.cars), line(30, ids.meals)] });
const create = async (body: Body = cardExpense()): Promise<Body> => {
  const r = await h.api('POST', 'purchase', body);
  expect(r.status).toBe(200);
  return r.json.Purchase;
};
const read = async (type: string, id: string): Promise<Body> => (await h.api('GET', `${type.toLowerCase()}/${id}`)).json[type];
const chargeOf = (purchase: Body, lineIndex = 0): string => purchase.Line[lineIndex].LinkedTxn[0].TxnId;
const billCharge = (chargeId: string, customer = ids.cars, amount = 120) =>
  h.api('POST', 'invoice', {
    CustomerRef: { value: customer }, TxnDate: '2026-01-31',
    Line: [{ DetailType: 'SalesItemLineDetail', Amount: amount, LinkedTxn: [{ TxnId: chargeId, TxnType: 'ReimburseCharge' }], SalesItemLineDetail: { ItemRef: { value: ids.reimbursable }, Qty: 1, UnitPrice: amount } }],
  });

describe('the accounts expenses use', () => {
  it('are seeded, queryable by type, readable, and reported by CDC when changed', async () => {
    const names = async (type: string) => (await rows(h, 'Account', `where AccountType = '${type}'`)).map((a) => a.Name);
    expect(await names('Bank')).toEqual(['Checking']);
    expect(await names('Credit Card')).toEqual(['Visa']);
    expect(await names('Expense')).toEqual(expect.arrayContaining(['Meals', 'Office Supplies', 'Software', 'Travel']));
    const income = await findId(h, 'Account', 'Name', 'Billable Expense Income');
    expect((await read('Item', ids.reimbursable)).IncomeAccountRef).toEqual({ value: income, name: 'Billable Expense Income' });
    const travel = await read('Account', ids.travel);
    expect(travel).toMatchObject({ AccountType: 'Expense', Classification: 'Expense' });
    c.advance(60_000);
    const since = new Date(c.now()).toISOString();
    await h.api('POST', 'account', { ...travel, sparse: true, Description: 'Trips to clients' });
    const cdc = (await h.api('GET', `cdc?entities=Account&changedSince=${encodeURIComponent(since)}`)).json.CDCResponse[0].QueryResponse[0];
    expect(cdc.Account.map((a: Body) => a.Id)).toEqual([ids.travel]);
  });
});

describe('expenses (Purchase)', () => {
  it('records a card expense whose TotalAmt is the sum of its lines; read and query find it', async () => {
    const p = await create();
    expect(p).toMatchObject({ PaymentType: 'CreditCard', AccountRef: { value: ids.visa, name: 'Visa' }, TotalAmt: 150 });
    expect(p.Line[1].AccountBasedExpenseLineDetail).toMatchObject({ AccountRef: { name: 'Meals' }, BillableStatus: 'NotBillable' });
    expect((await read('Purchase', p.Id)).TotalAmt).toBe(150);
    expect((await rows(h, 'Purchase', "where PaymentType = 'CreditCard'")).map((x) => x.Id)).toContain(p.Id);
  });

  it('refuses an account that does not fit the payment type, a line without an expense account, a billable line without a customer', async () => {
    expect(firstError(await h.api('POST', 'purchase', { ...cardExpense(), AccountRef: { value: ids.checking } }))).toMatchObject({ code: '6000', element: 'AccountRef' });
    expect(firstError(await h.api('POST', 'purchase', { ...cardExpense(), PaymentType: 'Cash' }))).toMatchObject({ code: '6000', element: 'AccountRef' });
    expect(firstError(await h.api('POST', 'purchase', { ...cardExpense(), Line: [line(10, ids.checking)] }))?.code).toBe('6000');
    const noCustomer = { ...cardExpense(), Line: [{ ...line(10, ids.travel), AccountBasedExpenseLineDetail: { AccountRef: { value: ids.travel }, BillableStatus: 'Billable' } }] };
    expect(firstError(await h.api('POST', 'purchase', noCustomer))).toMatchObject({ code: '2020', element: 'CustomerRef' });
    expect(firstError(await h.api('POST', 'purchase', { ...cardExpense(), PaymentType: undefined }))).toMatchObject({ code: '2020', element: 'PaymentType' });
    expect(firstError(await h.api('POST', 'purchase', { ...cardExpense(), PaymentType: 'Bitcoin' }))?.code).toBe('2010');
    expect(firstError(await h.api('POST', 'purchase', { ...cardExpense(), Line: [] }))?.code).toBe('2020');
  });

  it('answers a replayed requestid with the first answer and records one expense', async () => {
    const body = { ...cardExpense(), PrivateNote: 'replay-check' };
    const first = await h.api('POST', 'purchase?requestid=exp-once-1', body);
    const again = await h.api('POST', 'purchase?requestid=exp-once-1', body);
    expect(again.text).toBe(first.text);
    const all = await rows(h, 'Purchase', '', 'maxresults 1000');
    expect(all.filter((p) => p.PrivateNote === 'replay-check')).toHaveLength(1);
  });

  it('takes a full update sent as ?operation=update (as the app sends it), a stale one 5010, and a delete', async () => {
    const p = await create({ PaymentType: 'Check', AccountRef: { value: ids.checking }, Line: [line(40, ids.meals)] });
    const full = { Id: p.Id, SyncToken: p.SyncToken, PaymentType: 'Check', AccountRef: { value: ids.checking }, TxnDate: '2026-01-11', Line: [{ ...line(45, ids.meals), Id: p.Line[0].Id }] };
    const r = await h.api('POST', 'purchase?operation=update', full);
    expect(r.json.Purchase).toMatchObject({ TotalAmt: 45, TxnDate: '2026-01-11', SyncToken: '1' });
    expect(firstError(await h.api('POST', 'purchase?operation=update', full))?.code).toBe('5010');
    expect((await h.api('POST', 'purchase?operation=delete', { Id: p.Id, SyncToken: '1' })).json.Purchase.status).toBe('Deleted');
    expect(firstError(await h.api('GET', `purchase/${p.Id}`))?.code).toBe('610');
  });
});

describe('billable expenses (ReimburseCharge)', () => {
  it('each billable line makes a charge for its customer, linked both ways and found by customer', async () => {
    const p = await create();
    const chargeId = chargeOf(p);
    expect(p.Line[1].LinkedTxn).toBeUndefined();
    expect(p.LinkedTxn).toEqual([{ TxnId: chargeId, TxnType: 'ReimburseCharge' }]);
    const charges = await rows(h, 'ReimburseCharge', `where CustomerRef = '${ids.cars}' and HasBeenInvoiced = false`);
    expect(charges.find((x) => x.Id === chargeId)).toMatchObject({ Amount: 120, HasBeenInvoiced: false, CustomerRef: { value: ids.cars }, LinkedTxn: [], Line: [{ Amount: 120, DetailType: 'ReimburseLineDetail' }] });
    expect(firstError(await h.api('POST', 'reimbursecharge', { CustomerRef: { value: ids.cars }, Amount: 5 }))?.code).toBe('500');
  });

  it('an invoice line bills the charge once; voiding or deleting the invoice makes it billable again', async () => {
    const p = await create();
    const chargeId = chargeOf(p);
    const first = await billCharge(chargeId);
    expect(first.status).toBe(200);
    expect(first.json.Invoice.LinkedTxn).toContainEqual({ TxnId: chargeId, TxnType: 'ReimburseCharge' });
    expect(await read('ReimburseCharge', chargeId)).toMatchObject({ HasBeenInvoiced: true, LinkedTxn: [{ TxnId: first.json.Invoice.Id, TxnType: 'Invoice' }] });
    expect((await read('Purchase', p.Id)).Line[0].AccountBasedExpenseLineDetail.BillableStatus).toBe('HasBeenBilled');
    const second = await billCharge(chargeId);
    expect(firstError(second)).toMatchObject({ code: '6000', element: 'LinkedTxn' });
    expect(firstError(second)?.Detail).toContain(`already on invoice ${first.json.Invoice.DocNumber}`);

    await h.control(`invoices/${first.json.Invoice.Id}/void`);
    expect(await read('ReimburseCharge', chargeId)).toMatchObject({ HasBeenInvoiced: false, LinkedTxn: [] });
    expect((await read('Purchase', p.Id)).Line[0].AccountBasedExpenseLineDetail.BillableStatus).toBe('Billable');
    const third = (await billCharge(chargeId)).json.Invoice;
    await h.control(`invoices/${third.Id}/delete`);
    expect((await read('ReimburseCharge', chargeId)).HasBeenInvoiced).toBe(false);
  });

  it("another customer's invoice cannot bill the charge", async () => {
    const chargeId = chargeOf(await create());
    expect(firstError(await billCharge(chargeId, ids.amy))?.Detail).toContain('different customer');
  });

  it('editing the expense line updates its charge; making it not billable removes the charge', async () => {
    const p = await create();
    const chargeId = chargeOf(p);
    const lines = [{ ...line(150, ids.travel, ids.cars), Id: p.Line[0].Id }, { ...line(30, ids.meals), Id: p.Line[1].Id }];
    const edited = (await h.api('POST', 'purchase', { Id: p.Id, SyncToken: p.SyncToken, sparse: true, Line: lines })).json.Purchase;
    expect(chargeOf(edited)).toBe(chargeId);
    expect(await read('ReimburseCharge', chargeId)).toMatchObject({ Amount: 150, SyncToken: '1' });
    const plain = await h.api('POST', 'purchase', { Id: p.Id, SyncToken: edited.SyncToken, sparse: true, Line: [{ ...line(150, ids.travel), Id: p.Line[0].Id }] });
    expect(plain.json.Purchase.LinkedTxn).toEqual([]);
    expect(firstError(await h.api('GET', `reimbursecharge/${chargeId}`))?.code).toBe('610');
  });

  it('an invoiced expense keeps its amount and cannot be deleted until its invoice lets the charge go', async () => {
    const p = await create();
    const chargeId = chargeOf(p);
    const inv = (await billCharge(chargeId)).json.Invoice;
    const billed = await read('Purchase', p.Id);
    const changed = await h.api('POST', 'purchase', { Id: p.Id, SyncToken: billed.SyncToken, sparse: true, Line: [{ ...line(99, ids.travel, ids.cars), Id: p.Line[0].Id }, p.Line[1]] });
    expect(firstError(changed)).toMatchObject({ code: '6000', element: 'Line' });
    expect(firstError(await h.api('POST', 'purchase?operation=delete', { Id: p.Id, SyncToken: billed.SyncToken }))?.code).toBe('6000');
    await h.control(`invoices/${inv.Id}/void`);
    const free = await read('Purchase', p.Id);
    expect((await h.api('POST', 'purchase?operation=delete', { Id: p.Id, SyncToken: free.SyncToken })).status).toBe(200);
    expect(firstError(await h.api('GET', `reimbursecharge/${chargeId}`))?.code).toBe('610');
  });
});
