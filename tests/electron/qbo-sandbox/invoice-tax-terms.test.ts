// Terms (DueDate from the invoice's, the customer's or the company's terms), US sales tax (TAX/NON
// lines, the rate named on the invoice or the customer), items without an income account.
import { beforeAll, describe, expect, it } from 'vitest';
import { boot, findId, firstError, rows, type Body } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

const h = useSandbox(() => boot());
const ids = {} as Record<'amy' | 'jeff' | 'kathy' | 'cars' | 'design' | 'materials' | 'flatFee' | 'california', string>;

beforeAll(async () => {
  ids.amy = await findId(h, 'Customer', 'DisplayName', "Amy's Bird Sanctuary");
  ids.jeff = await findId(h, 'Customer', 'DisplayName', "Jeff's Jalopies");
  ids.kathy = await findId(h, 'Customer', 'DisplayName', 'Kookies by Kathy');
  ids.cars = await findId(h, 'Customer', 'DisplayName', 'Cool Cars');
  ids.design = await findId(h, 'Item', 'Name', 'Design');
  ids.materials = await findId(h, 'Item', 'Name', 'Materials');
  ids.flatFee = await findId(h, 'Item', 'Name', 'Flat Fee');
  ids.california = await findId(h, 'TaxCode', 'Name', 'California');
});

const line = (item: string, qty: number, price: number, extra: Record<string, unknown> = {}) => ({
  DetailType: 'SalesItemLineDetail',
  Amount: Math.round(qty * price * 100) / 100,
  SalesItemLineDetail: { ItemRef: { value: item }, Qty: qty, UnitPrice: price, ...extra },
});

async function invoice(customer: string, lines: unknown[], extra: Record<string, unknown> = {}): Promise<Body> {
  const r = await h.api('POST', 'invoice', { CustomerRef: { value: customer }, TxnDate: '2026-01-10', Line: lines, ...extra });
  if (r.status !== 200) throw new Error(r.text);
  return r.json.Invoice;
}

describe('terms', () => {
  it('are a queryable list: due on receipt, net 15, 30 and 60', async () => {
    const terms = await rows(h, 'Term');
    expect(terms.map((t) => [t.Name, t.DueDays, t.Type])).toEqual([['Due on receipt', 0, 'STANDARD'], ['Net 15', 15, 'STANDARD'], ['Net 30', 30, 'STANDARD'], ['Net 60', 60, 'STANDARD']]);
    expect((await h.api('GET', 'term/2')).json.Term).toMatchObject({ Name: 'Net 15', Active: true, DiscountPercent: 0, SyncToken: '0' });
  });

  it("set DueDate from the invoice's terms, else the customer's, else the company's default", async () => {
    expect(await invoice(ids.amy, [line(ids.design, 1, 75)])).toMatchObject({ DueDate: '2026-01-25', SalesTermRef: { value: '2', name: 'Net 15' } });
    expect(await invoice(ids.amy, [line(ids.design, 1, 75)], { SalesTermRef: { value: '4' } })).toMatchObject({ DueDate: '2026-03-11', SalesTermRef: { value: '4', name: 'Net 60' } });
    expect(await invoice(ids.jeff, [line(ids.design, 1, 75)])).toMatchObject({ DueDate: '2026-02-09', SalesTermRef: { value: '3', name: 'Net 30' } });
    expect(await invoice(ids.amy, [line(ids.design, 1, 75)], { DueDate: '2026-01-11' })).toMatchObject({ DueDate: '2026-01-11' });
    const prefs = (await h.api('GET', 'preferences')).json.Preferences;
    expect(prefs.SalesFormsPrefs.DefaultTerms).toEqual({ value: '3' });
    await h.api('POST', 'preferences', { SyncToken: prefs.SyncToken, SalesFormsPrefs: { DefaultTerms: { value: '1' } } });
    expect(await invoice(ids.jeff, [line(ids.design, 1, 75)])).toMatchObject({ DueDate: '2026-01-10', SalesTermRef: { value: '1' } });
  });

  it('refuses an unknown term', async () => {
    expect(firstError(await h.api('POST', 'invoice', { CustomerRef: { value: ids.amy }, SalesTermRef: { value: '99' }, Line: [line(ids.design, 1, 75)] }))).toMatchObject({ code: '2500', element: 'SalesTermRef' });
  });
});

describe('US sales tax', () => {
  it('taxes the TAX lines at each rate of the customer tax code, each rate rounded once', async () => {
    // 10.10 at 6 % = 0.606 → 0.61 and at 2.25 % = 0.22725 → 0.23: 0.84 (one combined 8.25 % would give 0.83).
    const inv = await invoice(ids.kathy, [line(ids.materials, 1, 10.1), line(ids.design, 1, 75)]);
    expect(inv.Line.slice(0, 2).map((l: Body) => l.SalesItemLineDetail.TaxCodeRef.value)).toEqual(['TAX', 'NON']);
    expect(inv.TxnTaxDetail).toEqual({
      TxnTaxCodeRef: { value: ids.california, name: 'California' },
      TotalTax: 0.84,
      TaxLine: [
        { Amount: 0.61, DetailType: 'TaxLineDetail', TaxLineDetail: { TaxRateRef: { value: '1', name: 'California State' }, PercentBased: true, TaxPercent: 6, NetAmountTaxable: 10.1 } },
        { Amount: 0.23, DetailType: 'TaxLineDetail', TaxLineDetail: { TaxRateRef: { value: '2', name: 'Santa Clara County' }, PercentBased: true, TaxPercent: 2.25, NetAmountTaxable: 10.1 } },
      ],
    });
    expect(inv).toMatchObject({ TotalAmt: 85.94, Balance: 85.94 });
  });

  it('rounds an exact half cent up, where floating point would round it down', async () => {
    // 2.00 × 2.25 % = 0.045 exactly; 0.045 as a double is 0.04499…, which Math.round would make 0.04.
    const inv = await invoice(ids.kathy, [line(ids.materials, 0.2, 10)]);
    expect(inv.TxnTaxDetail.TaxLine.map((t: Body) => t.Amount)).toEqual([0.12, 0.05]);
    expect(inv).toMatchObject({ TotalAmt: 2.17, Balance: 2.17 });
  });

  it("takes the invoice's tax code over the customer's, and taxes nothing when none is named", async () => {
    const named = await invoice(ids.cars, [line(ids.design, 2, 50, { TaxCodeRef: { value: 'TAX' } })], { TxnTaxDetail: { TxnTaxCodeRef: { value: ids.california } } });
    expect(named.TxnTaxDetail.TotalTax).toBe(8.25);
    expect(named.TotalAmt).toBe(108.25);
    const unnamed = await invoice(ids.cars, [line(ids.design, 2, 50, { TaxCodeRef: { value: 'TAX' } })]);
    expect(unnamed.TxnTaxDetail.TotalTax).toBe(0);
    expect(unnamed.TotalAmt).toBe(100);
  });

  it('refuses a real tax code on a US line', async () => {
    expect(firstError(await h.api('POST', 'invoice', { CustomerRef: { value: ids.kathy }, Line: [line(ids.design, 1, 75, { TaxCodeRef: { value: ids.california } })] }))).toMatchObject({ code: '6000', element: 'TaxCodeRef' });
  });

  it('reads TaxRate and TaxCode (with its rates) and does not let a client write them', async () => {
    expect((await rows(h, 'TaxRate')).map((r) => [r.Name, r.RateValue])).toEqual([['California State', 6], ['Santa Clara County', 2.25]]);
    const code = (await h.api('GET', `taxcode/${ids.california}`)).json.TaxCode;
    expect(code.SalesTaxRateList.TaxRateDetail.map((d: Body) => d.TaxRateRef.value)).toEqual(['1', '2']);
    expect((await h.api('POST', 'taxcode', { Name: 'Mine' })).json.Fault.Error[0].code).toBe('500');
    expect((await h.api('POST', 'taxrate', { Name: 'Mine' })).json.Fault.Error[0].code).toBe('500');
  });

  it('charges no tax when the company does not use sales tax', async () => {
    const prefs = (await h.api('GET', 'preferences')).json.Preferences;
    expect(prefs.TaxPrefs.UsingSalesTax).toBe(true);
    await h.api('POST', 'preferences', { SyncToken: prefs.SyncToken, TaxPrefs: { UsingSalesTax: false } });
    const inv = await invoice(ids.kathy, [line(ids.materials, 1, 10.1)]);
    expect(inv.TxnTaxDetail.TotalTax).toBe(0);
    expect(inv.TotalAmt).toBe(10.1);
    const again = (await h.api('GET', 'preferences')).json.Preferences;
    await h.api('POST', 'preferences', { SyncToken: again.SyncToken, TaxPrefs: { UsingSalesTax: true } });
  });
});

describe('items on invoice lines', () => {
  it('refuses an item without an income account, naming it', async () => {
    const err = firstError(await h.api('POST', 'invoice', { CustomerRef: { value: ids.cars }, Line: [line(ids.flatFee, 1, 500)] }));
    expect(err).toMatchObject({ code: '6000', element: 'ItemRef' });
    expect(err?.Detail).toContain('Flat Fee');
  });

  it('still holds Qty × UnitPrice to the Amount', async () => {
    const bad = { ...line(ids.design, 2, 75), Amount: 151 };
    expect(firstError(await h.api('POST', 'invoice', { CustomerRef: { value: ids.cars }, Line: [bad] }))?.code).toBe('6070');
  });
});
