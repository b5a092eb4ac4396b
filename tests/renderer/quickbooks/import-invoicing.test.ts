// What the mirror keeps for invoicing: customers' billing e-mail, terms and tax code, items' tax
// code and income account, the company's payment terms and tax codes with their percent (a combined
// code's rates added exactly), and the preferences invoices depend on. A plan without terms or sales
// tax (QuickBooks refuses those queries) still imports everything else and says what is missing.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { IpcResult } from '../../../shared/ipc/errors';
import { openDatabase } from '../../../renderer/src/db/database';
import { createRepos } from '../../../renderer/src/db/repos';
import { importMirror } from '../../../renderer/src/features/quickbooks/engine/import-mirror';
import { fakeQboPort, ok } from './fake-port';

type Lists = Record<string, Array<Record<string, unknown>> | IpcResult<unknown>>;

const preferences = {
  TaxPrefs: { UsingSalesTax: true },
  SalesFormsPrefs: { DefaultTerms: { value: '3' } },
  EmailMessagesPrefs: { InvoiceMessage: { Subject: 'Invoice from Cool Cars', Message: 'Thank you for your business.' } },
  CurrencyPrefs: { MultiCurrencyEnabled: true, HomeCurrency: { value: 'USD' } },
};

const baseLists: Lists = {
  Customer: [
    { Id: '1', DisplayName: 'Cool Cars', FullyQualifiedName: 'Cool Cars', Active: true, PrimaryEmailAddr: { Address: 'ap@cool-cars.example' }, SalesTermRef: { value: '3' }, Taxable: true, DefaultTaxCodeRef: { value: '5' }, CurrencyRef: { value: 'EUR' } },
    { Id: '2', DisplayName: 'Dukes', FullyQualifiedName: 'Dukes', Active: true, Taxable: false },
  ],
  Item: [
    { Id: '7', Name: 'Design', Type: 'Service', Active: true, Taxable: true, SalesTaxCodeRef: { value: 'TAX' }, IncomeAccountRef: { value: '79' } },
    { Id: '8', Name: 'Travel', Type: 'Service', Active: true },
  ],
  Employee: [],
  Vendor: [],
  Class: [],
  Term: [
    { Id: '3', Name: 'Net 30', Active: true, Type: 'STANDARD', DueDays: 30 },
    { Id: '4', Name: '15th of the month', Active: false, Type: 'DATE_DRIVEN', DayOfMonthDue: 15 },
  ],
  TaxCode: [
    { Id: 'TAX', Name: 'TAX', Active: true, Taxable: true, TaxGroup: false },
    { Id: 'NON', Name: 'NON', Active: true, Taxable: false, TaxGroup: false },
    { Id: '5', Name: 'California', Active: true, TaxGroup: true, SalesTaxRateList: { TaxRateDetail: [{ TaxRateRef: { value: '11' } }, { TaxRateRef: { value: '12' } }, { TaxRateRef: { value: '13' } }] } },
    { Id: '6', Name: 'Old county', Active: false, SalesTaxRateList: { TaxRateDetail: [{ TaxRateRef: { value: '99' } }] } },
  ],
  // 7.25 + 1 + 0.1: as doubles 8.350000000000001; the mirror adds the decimals exactly.
  TaxRate: [
    { Id: '11', Name: 'California state', RateValue: 7.25 },
    { Id: '12', Name: 'Santa Clara county', RateValue: 1 },
    { Id: '13', Name: 'District', RateValue: 0.1 },
  ],
};

let counter = 0;

async function importWith(lists: Lists) {
  const queried: string[] = [];
  const port = fakeQboPort((channel, request) => {
    if (channel === 'qbo:getCompany') return ok({ companyInfo: { CompanyName: 'Cool Cars Books' }, preferences });
    const entity = (request as { entity: string }).entity;
    queried.push(entity);
    const answer = lists[entity] ?? [];
    return Array.isArray(answer) ? ok({ items: answer }) : answer;
  });
  const db = await openDatabase(`import-invoicing-${++counter}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  const repos = createRepos(db, { now: () => 1_800_000_000_000 });
  const result = await importMirror({ repos, port, now: () => 1_800_000_000_000 });
  return { result, mirror: repos.mirrorOf('primary'), queried };
}

const refused: IpcResult<unknown> = { ok: false, error: { kind: 'remote', message: 'QuickBooks fault 5020: Permission Denied Error', retryable: false, remote: { status: 403, code: '5020' } } };

describe('importing what invoices are built from', () => {
  it("keeps customers' e-mail, terms and tax, and items' tax and income account", async () => {
    const { mirror } = await importWith(baseLists);
    expect(await mirror.get('customer', '1')).toMatchObject({ email: 'ap@cool-cars.example', termId: '3', taxable: true, taxCodeId: '5', currency: 'EUR' });
    const dukes = await mirror.get('customer', '2');
    expect(dukes).toMatchObject({ taxable: false });
    expect(dukes).not.toHaveProperty('email');
    expect(await mirror.get('item', '7')).toMatchObject({ taxable: true, taxCodeId: 'TAX', incomeAccountId: '79' });
    expect(await mirror.get('item', '8')).not.toHaveProperty('incomeAccountId');
    const { customers, items } = await mirror.mirror();
    expect(customers.find((c) => c.Id === '1')).toMatchObject({ PrimaryEmailAddr: { Address: 'ap@cool-cars.example' }, SalesTermRef: { value: '3' }, DefaultTaxCodeRef: { value: '5' }, Taxable: true });
    expect(items.find((i) => i.Id === '7')).toMatchObject({ IncomeAccountRef: { value: '79' }, SalesTaxCodeRef: { value: 'TAX' }, Taxable: true });
  });

  it('imports payment terms and tax codes with their percent, inactive ones kept and marked', async () => {
    const { mirror, result } = await importWith(baseLists);
    expect(result.notes).toEqual([]);
    expect(await mirror.terms()).toEqual([
      { id: '3', name: 'Net 30', active: true, dueDays: 30 },
      { id: '4', name: '15th of the month', active: false, dueDays: null },
    ]);
    expect(await mirror.taxCodes()).toEqual([
      // US pseudo codes: TAX takes the customer's code's rate (unknown here), NON charges nothing.
      { id: 'TAX', name: 'TAX', active: true, percent: null },
      { id: 'NON', name: 'NON', active: true, percent: '0' },
      { id: '5', name: 'California', active: true, percent: '8.35' },
      // Its rate is not among the rates QuickBooks gave: unknown, never a made-up 0.
      { id: '6', name: 'Old county', active: false, percent: null },
    ]);
  });

  it('keeps the preferences invoices depend on', async () => {
    const { mirror } = await importWith(baseLists);
    expect(await mirror.preferences()).toMatchObject(preferences);
  });

  it('goes on without terms and tax codes when the plan has none, and says so', async () => {
    const { mirror, result } = await importWith({ ...baseLists, Term: refused, TaxCode: refused });
    expect(result.counts).toMatchObject({ customer: 2, item: 2 });
    expect(await mirror.get('customer', '1')).toBeDefined();
    expect(result.notes).toEqual([
      'Payment terms could not be read from QuickBooks; invoices get the due date you enter.',
      'Sales tax codes could not be read from QuickBooks; invoices are previewed without tax.',
    ]);
    expect(await mirror.terms()).toEqual([]);
    expect(await mirror.taxCodes()).toEqual([]);
  });

  it('keeps tax codes without a percent when their rates cannot be read', async () => {
    const { mirror, result } = await importWith({ ...baseLists, TaxRate: refused });
    expect(result.notes).toEqual(['Sales tax rates could not be read from QuickBooks; tax codes are kept without their percent.']);
    expect((await mirror.taxCodes()).map((c) => [c.id, c.percent])).toEqual([['TAX', null], ['NON', '0'], ['5', null], ['6', null]]);
  });

  it('does not read tax rates when no code has any', async () => {
    const { queried } = await importWith({ ...baseLists, TaxCode: [{ Id: 'NON', Name: 'NON', Active: true }] });
    expect(queried).not.toContain('TaxRate');
  });

  it('stops when QuickBooks needs reconnecting, as for any other list', async () => {
    const auth: IpcResult<unknown> = { ok: false, error: { kind: 'auth', message: 'Reconnect QuickBooks', retryable: false } };
    await expect(importWith({ ...baseLists, Term: auth })).rejects.toMatchObject({ kind: 'auth' });
  });
});
