// Conformance: a QuickBooks client the project did not write reads every answer the sandbox gives
// for the operations Track Nexus uses (issue 13 part 7).
//
// Library: node-quickbooks 2.0.50 (npm, by mcohen01; the most used Node client for the QBO v3 API),
// with OAuth 2.0 bearer tokens. It sends `minorversion=75` and `format=json` on every call, a
// `Request-Id` header, and `?requestid=` when the entity carries `requestId`. Its endpoint constant
// `QuickBooks.V3_ENDPOINT_BASE_URL` is pointed at the local sandbox; nothing else is changed.
// The access token and realmId come from the sandbox's OAuth flow (consent page, Approve, code
// exchange at the token endpoint), as a connected app gets them.
//
// What each test proves (each fails if the library rejects, or hands back an answer it could not
// read, e.g. a string or a body without the entity the library unwraps):
// - query paging: find* with limit/offset sends STARTPOSITION/MAXRESULTS and fetchAll walks pages
//   through the library's own `maxResults === limit` test, ending with every record exactly once.
// - TimeActivity create/read/update/delete through the library's methods (its sparse update).
// - batch: create + query in one call, answered as BatchItemResponse the library returns.
// - requestid replay: the same requestId twice writes once and answers the same entity.
// - CDC: changeDataCapture returns a new Customer and a deleted Invoice's tombstone; TimeActivity,
//   which QBO does not cover by CDC, is refused with a fault the library reads.
// - stale SyncToken: an update with an old SyncToken fails with the Fault the library surfaces
//   (code 5010).
// - invoice with linked time: a line with LinkedTxn TimeActivity; reading the time shows it billed.
// - PDF: getInvoicePdf returns a Buffer that is a real PDF (%PDF header, %%EOF trailer).
// - invoicing (issue 15): voidInvoice (the library reads the invoice and posts it back with
//   ?operation=void) zeroes it and releases its time; findTerms/getTerm, getTaxCode/findTaxRates read
//   the lists; sendInvoicePdf answers the sent invoice; getExchangeRate is a fault the library reads
//   for a home-currency company and a rate for a multicurrency one.
// - payments, expenses and estimates (issue 16): createPayment/updatePayment/deletePayment move the
//   invoice's Balance and findPayments finds the payment by customer; findAccounts finds the card and
//   expense accounts, createPurchase/getPurchase/updatePurchase (the library's ?operation=update,
//   sparse)/deletePurchase run a billable card expense; findEstimates/getEstimate read the estimate.
import QuickBooks from 'node-quickbooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT, startSandbox } from '../../electron/qbo-sandbox/index';
import { control } from '../../electron/qbo-sandbox/control-client';
import { useSandbox } from '../fixtures/use-sandbox';
import { answerConsent } from '../electron/qbo/helpers';

type Json = Record<string, unknown>;
type Callback = (err: unknown, data?: unknown) => void;

/** Walks a parsed answer by keys and indexes; undefined where the shape differs. */
function dig(value: unknown, ...path: Array<string | number>): unknown {
  return path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[key] : undefined), value);
}

/** The list at `path`, failing the test when the answer has none there. */
function list(value: unknown, ...path: Array<string | number>): Json[] {
  const found = dig(value, ...path);
  if (!Array.isArray(found)) throw new Error(`no list at ${path.join('.')} in ${JSON.stringify(value)}`);
  return found as Json[];
}

const idOf = (entity: Json): string => String(entity['Id']);

const sb = useSandbox(() => startSandbox({ port: 0, controlRoutes: false }));
let qbo: QuickBooks;

/** Runs one library call and fails on any error or on an answer it handed back unparsed. */
function call<T = Json>(run: (done: Callback) => void): Promise<T> {
  return new Promise((resolve, reject) =>
    run((err, data) => {
      if (err) reject(new Error(`node-quickbooks failed: ${describeFailure(err)}`));
      else if (typeof data === 'string') reject(new Error(`node-quickbooks could not read the answer: ${data.slice(0, 200)}`));
      else resolve(data as T);
    }),
  );
}

/**
 * The body QBO answered with, as the library surfaces it: the parsed body itself for a 200 that
 * carries a Fault, the axios error's parsed `response.data` for a 4xx.
 */
function faultOf(err: unknown): Json {
  return (dig(err, 'response', 'data') ?? err) as Json;
}

/** The answer's body when QBO answered, else the library's own exception (it choked on the answer). */
function describeFailure(err: unknown): string {
  const body = dig(err, 'response', 'data');
  if (body === undefined && err instanceof Error) return `${err.name}: ${err.message}`;
  return JSON.stringify(body ?? err);
}

/** Runs one library call that must fail; returns the fault body the library surfaced. */
function failure(run: (done: Callback) => void): Promise<Json> {
  return new Promise((resolve, reject) =>
    run((err, data) => (err ? resolve(faultOf(err)) : reject(new Error(`expected a fault, got ${JSON.stringify(data)}`)))),
  );
}

const codeOf = (fault: Json): string => String(dig(fault, 'Fault', 'Error', 0, 'code'));

/** The consent page, Approve, and the code exchanged at the token endpoint with client Basic auth. */
async function connect(): Promise<{ accessToken: string; realmId: string }> {
  const redirectUri = 'http://127.0.0.1:41778/callback';
  const authorize = new URL('/connect/oauth2', sb.url);
  const params = { client_id: DEFAULT_CLIENT.clientId, scope: 'com.intuit.quickbooks.accounting', redirect_uri: redirectUri, response_type: 'code', state: 'conformance' };
  for (const [k, v] of Object.entries(params)) authorize.searchParams.set(k, v);
  const callback = new URL(await answerConsent(authorize.href, 'approve'));
  const basic = Buffer.from(`${DEFAULT_CLIENT.clientId}:${DEFAULT_CLIENT.clientSecret}`).toString('base64');
  const res = await fetch(`${sb.url}/oauth2/v1/tokens/bearer`, {
    method: 'POST',
    headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: callback.searchParams.get('code') ?? '', redirect_uri: redirectUri }),
  });
  if (!res.ok) throw new Error(`token exchange ${res.status}: ${await res.text()}`);
  const token = (await res.json()) as Json;
  return { accessToken: String(token['access_token']), realmId: callback.searchParams.get('realmId') ?? '' };
}

let refs: { employee: string; customer: string; item: string };

beforeAll(async () => {
  const { accessToken, realmId } = await connect();
  QuickBooks.V3_ENDPOINT_BASE_URL = `${sb.url}/v3/company/`;
  qbo = new QuickBooks(DEFAULT_CLIENT.clientId, DEFAULT_CLIENT.clientSecret, accessToken, false, realmId, true, false, null, '2.0');
  const first = async (find: (c: Json, done: Callback) => void, entity: string, criteria: Json) =>
    idOf(list(await call((d) => find(criteria, d)), 'QueryResponse', entity)[0]!);
  refs = {
    employee: await first((c, d) => qbo.findEmployees(c, d), 'Employee', { Active: true }),
    customer: await first((c, d) => qbo.findCustomers(c, d), 'Customer', { Active: true, Job: false }),
    item: await first((c, d) => qbo.findItems(c, d), 'Item', { Type: 'Service', Active: true }),
  };
});

const billableTime = (description: string, TxnDate = '2026-03-02'): Json => ({
  NameOf: 'Employee',
  EmployeeRef: { value: refs.employee },
  CustomerRef: { value: refs.customer },
  ItemRef: { value: refs.item },
  BillableStatus: 'Billable',
  HourlyRate: 100,
  TxnDate,
  Hours: 1,
  Minutes: 30,
  Description: description,
});

/** 1.5 hours at 100, optionally billing linked time on its line. */
const oneLineInvoice = (LinkedTxn?: Json[]): Json => ({
  CustomerRef: { value: refs.customer },
  Line: [
    {
      Amount: 150,
      DetailType: 'SalesItemLineDetail',
      SalesItemLineDetail: { ItemRef: { value: refs.item }, Qty: 1.5, UnitPrice: 100 },
      ...(LinkedTxn ? { LinkedTxn } : {}),
    },
  ],
});

describe('node-quickbooks against the sandbox', () => {
  it('pages a query with limit/offset and fetchAll, each customer once', async () => {
    const all = await call<Json>((d) => qbo.findCustomers({ fetchAll: true, limit: 1000 }, d));
    const total = list(all, 'QueryResponse', 'Customer').length;
    expect(total).toBeGreaterThan(4);

    const page2 = await call<Json>((d) => qbo.findCustomers({ limit: 3, offset: 4, asc: 'Id' }, d));
    expect(dig(page2, 'QueryResponse', 'startPosition')).toBe(4);
    expect(dig(page2, 'QueryResponse', 'maxResults')).toBe(3);
    expect(list(page2, 'QueryResponse', 'Customer')).toHaveLength(3);

    const paged = await call<Json>((d) => qbo.findCustomers({ fetchAll: true, limit: 2, asc: 'Id' }, d));
    const ids = list(paged, 'QueryResponse', 'Customer').map(idOf);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect(ids.slice(3, 6)).toEqual(list(page2, 'QueryResponse', 'Customer').map(idOf));
  });

  it('creates, reads, updates and deletes a TimeActivity', async () => {
    const created = await call<Json>((d) => qbo.createTimeActivity(billableTime('conformance crud'), d));
    expect(created['Id']).toBeTruthy();
    expect(created['Hours']).toBe(1);
    expect(created['Minutes']).toBe(30);

    const read = await call<Json>((d) => qbo.getTimeActivity(idOf(created), d));
    expect(read['Description']).toBe('conformance crud');

    const updated = await call<Json>((d) => qbo.updateTimeActivity({ Id: idOf(read), SyncToken: String(read['SyncToken']), Description: 'conformance crud, edited' }, d));
    expect(updated['Description']).toBe('conformance crud, edited');
    expect(updated['SyncToken']).not.toBe(read['SyncToken']);
    expect(updated['Hours']).toBe(1);

    const deleted = await call<Json>((d) => qbo.deleteTimeActivity(idOf(updated), d));
    expect(deleted['TimeActivity']).toMatchObject({ Id: updated['Id'], status: 'Deleted' });
    const gone = await failure((d) => qbo.getTimeActivity(idOf(updated), d));
    expect(codeOf(gone)).toBe('610');
  });

  it('runs a batch of a create and a query', async () => {
    const answer = await call<Json>((d) =>
      qbo.batch(
        [
          { bId: 'ta1', operation: 'create', TimeActivity: billableTime('conformance batch') },
          { bId: 'q1', Query: 'select * from Employee startposition 1 maxresults 2' },
        ] as never,
        d,
      ),
    );
    const items = list(answer, 'BatchItemResponse');
    const byId = Object.fromEntries(items.map((i) => [i['bId'], i]));
    expect(byId['ta1']!['TimeActivity']).toMatchObject({ Description: 'conformance batch' });
    expect(list(byId['q1'], 'QueryResponse', 'Employee')).toHaveLength(2);
  });

  it('replays a create sent twice with the same requestid instead of writing it twice', async () => {
    const send = () => call<Json>((d) => qbo.createTimeActivity({ ...billableTime('conformance replay', '2026-04-07'), requestId: 'conformance-replay-1' }, d));
    const first = await send();
    const second = await send();
    expect(second['Id']).toBe(first['Id']);
    const found = await call<Json>((d) => qbo.findTimeActivities({ TxnDate: '2026-04-07' }, d));
    expect(list(found, 'QueryResponse', 'TimeActivity')).toHaveLength(1);
  });

  it('reads changes and deletions through changeDataCapture, and its refusal of TimeActivity', async () => {
    const since = new Date(Date.now() - 60_000);
    const customer = await call<Json>((d) => qbo.createCustomer({ DisplayName: 'Conformance CDC Customer' }, d));
    const invoice = await call<Json>((d) => qbo.createInvoice(oneLineInvoice(), d));
    await call((d) => qbo.deleteInvoice(idOf(invoice), d));

    const cdc = await call<Json>((d) => qbo.changeDataCapture(['Customer', 'Invoice'], since, d));
    const groups = list(cdc, 'CDCResponse', 0, 'QueryResponse');
    const rows = (entity: string) => groups.flatMap((g) => (g[entity] as Json[] | undefined) ?? []);
    expect(rows('Customer').map((c) => c['DisplayName'])).toEqual(['Conformance CDC Customer']);
    expect(rows('Customer')[0]!['Id']).toBe(customer['Id']);
    expect(rows('Invoice')).toEqual([expect.objectContaining({ Id: invoice['Id'], status: 'Deleted' })]);

    // QBO documents TimeActivity as not covered by CDC: the refusal must still be a fault the library reads.
    const refused = await failure((d) => qbo.changeDataCapture('TimeActivity', since, d));
    expect(codeOf(refused)).toMatch(/^\d+$/);
  });

  it('surfaces the 5010 fault for an update with a stale SyncToken', async () => {
    const created = await call<Json>((d) => qbo.createTimeActivity(billableTime('conformance stale'), d));
    await call((d) => qbo.updateTimeActivity({ Id: idOf(created), SyncToken: String(created['SyncToken']), Description: 'first edit' }, d));
    const fault = await failure((d) => qbo.updateTimeActivity({ Id: idOf(created), SyncToken: String(created['SyncToken']), Description: 'second edit' }, d));
    expect(codeOf(fault)).toBe('5010');
    const read = await call<Json>((d) => qbo.getTimeActivity(idOf(created), d));
    expect(read['Description']).toBe('first edit');
  });

  it('bills time on an invoice line and returns the invoice as a PDF', async () => {
    const time = await call<Json>((d) => qbo.createTimeActivity(billableTime('conformance invoiced'), d));
    const invoice = await call<Json>((d) => qbo.createInvoice(oneLineInvoice([{ TxnId: time['Id'], TxnType: 'TimeActivity' }]), d));
    expect(invoice['TotalAmt']).toBe(150);
    const billed = await call<Json>((d) => qbo.getTimeActivity(idOf(time), d));
    expect(billed['BillableStatus']).toBe('HasBeenBilled');

    const pdf = await call<Buffer>((d) => qbo.getInvoicePdf(idOf(invoice), d));
    expect(Buffer.isBuffer(pdf)).toBe(true);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-8).toString('latin1')).toContain('%%EOF');
  });

  it('voids an invoice with voidInvoice: amounts 0, PrivateNote "Voided", its time Billable again', async () => {
    const time = await call<Json>((d) => qbo.createTimeActivity(billableTime('conformance voided'), d));
    const invoice = await call<Json>((d) => qbo.createInvoice({ ...oneLineInvoice([{ TxnId: time['Id'], TxnType: 'TimeActivity' }]), PrivateNote: 'to void' }, d));
    const voided = await call<Json>((d) => qbo.voidInvoice(idOf(invoice), d));
    expect(dig(voided, 'Invoice', 'TotalAmt')).toBe(0);
    expect(dig(voided, 'Invoice', 'PrivateNote')).toBe('Voided - to void');
    expect((await call<Json>((d) => qbo.getTimeActivity(idOf(time), d)))['BillableStatus']).toBe('Billable');
  });

  it('reads terms, tax codes and tax rates', async () => {
    const terms = list(await call<Json>((d) => qbo.findTerms(d)), 'QueryResponse', 'Term');
    expect(terms.map((t) => t['Name'])).toEqual(['Due on receipt', 'Net 15', 'Net 30', 'Net 60']);
    expect((await call<Json>((d) => qbo.getTerm(idOf(terms[1]!), d)))['DueDays']).toBe(15);
    expect((await call<Json>((d) => qbo.getTaxCode('TAX', d)))['Taxable']).toBe(true);
    const rates = list(await call<Json>((d) => qbo.findTaxRates(d)), 'QueryResponse', 'TaxRate');
    expect(rates.map((r) => r['RateValue'])).toEqual([6, 2.25]);
  });

  it('sends an invoice with sendInvoicePdf', async () => {
    const invoice = await call<Json>((d) => qbo.createInvoice(oneLineInvoice(), d));
    const sent = await call<Json>((d) => qbo.sendInvoicePdf(idOf(invoice), 'billing@example.com', d));
    expect(sent).toMatchObject({ Id: invoice['Id'], EmailStatus: 'EmailSent', BillEmail: { Address: 'billing@example.com' } });
  });

  it('reads the fault getExchangeRate gets from a home-currency company', async () => {
    const fault = await failure((d) => qbo.getExchangeRate({ sourcecurrencycode: 'EUR' }, d));
    expect(codeOf(fault)).toBe('6000');
  });

  it('records, changes and deletes a payment on an invoice, and finds it by customer', async () => {
    const invoice = await call<Json>((d) => qbo.createInvoice(oneLineInvoice(), d));
    const applied = (Amount: number) => [{ Amount, LinkedTxn: [{ TxnId: idOf(invoice), TxnType: 'Invoice' }] }];
    const payment = await call<Json>((d) => qbo.createPayment({ CustomerRef: { value: refs.customer }, TotalAmt: 150, Line: applied(150) }, d));
    expect(payment['UnappliedAmt']).toBe(0);
    expect((await call<Json>((d) => qbo.getInvoice(idOf(invoice), d)))['Balance']).toBe(0);
    const found = list(await call<Json>((d) => qbo.findPayments({ CustomerRef: refs.customer }, d)), 'QueryResponse', 'Payment');
    expect(found.map(idOf)).toContain(idOf(payment));
    const changed = await call<Json>((d) => qbo.updatePayment({ Id: idOf(payment), SyncToken: String(payment['SyncToken']), Line: applied(100) }, d));
    expect(changed['UnappliedAmt']).toBe(50);
    expect((await call<Json>((d) => qbo.getInvoice(idOf(invoice), d)))['Balance']).toBe(50);
    await call((d) => qbo.deletePayment(idOf(payment), d));
    expect((await call<Json>((d) => qbo.getInvoice(idOf(invoice), d)))['Balance']).toBe(150);
  });

  it('runs a billable card expense: accounts found, created, read, updated (operation=update) and deleted', async () => {
    const visa = list(await call<Json>((d) => qbo.findAccounts({ AccountType: 'Credit Card' }, d)), 'QueryResponse', 'Account')[0]!;
    const travel = list(await call<Json>((d) => qbo.findAccounts({ Name: 'Travel' }, d)), 'QueryResponse', 'Account')[0]!;
    const line = (Amount: number, Id?: string) => ({
      ...(Id ? { Id } : {}), Amount, DetailType: 'AccountBasedExpenseLineDetail',
      AccountBasedExpenseLineDetail: { AccountRef: { value: idOf(travel) }, BillableStatus: 'Billable', CustomerRef: { value: refs.customer } },
    });
    const purchase = await call<Json>((d) => qbo.createPurchase({ PaymentType: 'CreditCard', AccountRef: { value: idOf(visa) }, Line: [line(80)] }, d));
    expect(dig(purchase, 'Line', 0, 'LinkedTxn', 0, 'TxnType')).toBe('ReimburseCharge');
    expect((await call<Json>((d) => qbo.getPurchase(idOf(purchase), d)))['TotalAmt']).toBe(80);
    const lineId = String(dig(purchase, 'Line', 0, 'Id'));
    const updated = await call<Json>((d) => qbo.updatePurchase({ Id: idOf(purchase), SyncToken: String(purchase['SyncToken']), Line: [line(95, lineId)] }, d));
    expect(updated['TotalAmt']).toBe(95);
    await call((d) => qbo.deletePurchase(idOf(purchase), d));
    expect(codeOf(await failure((d) => qbo.getPurchase(idOf(purchase), d)))).toBe('610');
  });

  it('reads the seeded estimate with findEstimates and getEstimate', async () => {
    const estimates = list(await call<Json>((d) => qbo.findEstimates(d)), 'QueryResponse', 'Estimate');
    const estimate = await call<Json>((d) => qbo.getEstimate(idOf(estimates[0]!), d));
    expect(estimate).toMatchObject({ TxnStatus: 'Pending', TotalAmt: 3550 });
  });
});

describe('node-quickbooks against a multicurrency sandbox', () => {
  const multi = useSandbox(() => startSandbox({ port: 0, controlRoutes: true, variant: 'multicurrency', realmId: '9341453050298766' }));

  it('reads an exchange rate with getExchangeRate', async () => {
    const tokens = await control(multi, 'tokens');
    QuickBooks.V3_ENDPOINT_BASE_URL = `${multi.url}/v3/company/`;
    const client = new QuickBooks(DEFAULT_CLIENT.clientId, DEFAULT_CLIENT.clientSecret, String(tokens['access_token']), false, multi.realmId, true, false, null, '2.0');
    try {
      const rate = await call<Json>((d) => client.getExchangeRate({ sourcecurrencycode: 'EUR', asofdate: '2026-01-15' }, d));
      expect(dig(rate, 'ExchangeRate')).toMatchObject({ SourceCurrencyCode: 'EUR', TargetCurrencyCode: 'USD', Rate: 1.08, AsOfDate: '2026-01-15' });
    } finally {
      QuickBooks.V3_ENDPOINT_BASE_URL = `${sb.url}/v3/company/`;
    }
  });
});
