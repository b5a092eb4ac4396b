// The company outside the US (`taxModel: 'codes'`): each line names a tax code, tax is per rate over
// the lines carrying it, GlobalTaxCalculation TaxExcluded. Also exchange rates (multicurrency only).
import { beforeAll, describe, expect, it } from 'vitest';
import { boot, findId, firstError, rows, type Body } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

const h = useSandbox(() => boot());

const line = (item: string, qty: number, price: number, extra: Record<string, unknown> = {}) => ({
  DetailType: 'SalesItemLineDetail',
  Amount: Math.round(qty * price * 100) / 100,
  SalesItemLineDetail: { ItemRef: { value: item }, Qty: qty, UnitPrice: price, ...extra },
});

describe('tax codes on each line', () => {
  const ids = {} as Record<'cars' | 'design' | 'standard' | 'reduced', string>;
  beforeAll(async () => {
    expect((await h.control('reset', { taxModel: 'codes' })).json.taxModel).toBe('codes');
    ids.cars = await findId(h, 'Customer', 'DisplayName', 'Cool Cars');
    ids.design = await findId(h, 'Item', 'Name', 'Design');
    ids.standard = await findId(h, 'TaxCode', 'Name', '20.0% S');
    ids.reduced = await findId(h, 'TaxCode', 'Name', '5.0% R');
  });

  it('has VAT codes and rates instead of TAX/NON, and items carry their sales tax code', async () => {
    expect((await rows(h, 'TaxCode')).map((c) => c.Name)).toEqual(['0.0% Z', '20.0% S', '5.0% R', 'No VAT']);
    expect((await rows(h, 'TaxRate')).map((r) => [r.Name, r.RateValue])).toEqual([['VAT 0%', 0], ['VAT 20%', 20], ['VAT 5%', 5]]);
    expect((await h.api('GET', `item/${ids.design}`)).json.Item.SalesTaxCodeRef).toEqual({ value: ids.standard, name: '20.0% S' });
  });

  it("taxes each rate over its lines, defaulting a line's code from its item, half a cent up", async () => {
    // 75 at 20 % = 15; 10.10 at 5 % = 0.505 → 0.51 (as a double 0.505 is 0.50499…).
    const r = await h.api('POST', 'invoice', { CustomerRef: { value: ids.cars }, Line: [line(ids.design, 1, 75), line(ids.design, 1, 10.1, { TaxCodeRef: { value: ids.reduced } })] });
    expect(r.status).toBe(200);
    const inv: Body = r.json.Invoice;
    expect(inv.GlobalTaxCalculation).toBe('TaxExcluded');
    expect(inv.Line.slice(0, 2).map((l: Body) => l.SalesItemLineDetail.TaxCodeRef.value)).toEqual([ids.standard, ids.reduced]);
    expect(inv.TxnTaxDetail.TotalTax).toBe(15.51);
    expect(inv.TxnTaxDetail.TaxLine.map((t: Body) => [t.TaxLineDetail.TaxRateRef.name, t.TaxLineDetail.NetAmountTaxable, t.Amount])).toEqual([['VAT 20%', 75, 15], ['VAT 5%', 10.1, 0.51]]);
    expect(inv).toMatchObject({ TotalAmt: 100.61, Balance: 100.61 });
  });

  it('refuses the US pseudo codes, a line without a code, and tax-inclusive amounts', async () => {
    expect(firstError(await h.api('POST', 'invoice', { CustomerRef: { value: ids.cars }, Line: [line(ids.design, 1, 75, { TaxCodeRef: { value: 'TAX' } })] }))).toMatchObject({ code: '2500', element: 'TaxCodeRef' });
    const account = (await h.api('GET', `item/${ids.design}`)).json.Item.IncomeAccountRef;
    const bare = (await h.api('POST', 'item', { Name: 'Survey', Type: 'Service', IncomeAccountRef: account })).json.Item;
    const missing = firstError(await h.api('POST', 'invoice', { CustomerRef: { value: ids.cars }, Line: [line(bare.Id, 1, 75)] }));
    expect(missing).toMatchObject({ code: '6000', element: 'TaxCodeRef' });
    expect(missing?.Detail).toContain('GST/HST rate');
    expect(firstError(await h.api('POST', 'invoice', { CustomerRef: { value: ids.cars }, GlobalTaxCalculation: 'TaxInclusive', Line: [line(ids.design, 1, 75)] }))?.code).toBe('6000');
  });
});

describe('exchange rates', () => {
  it('are refused to a home-currency company', async () => {
    await h.control('reset', {});
    const r = await h.api('GET', 'exchangerate?sourcecurrencycode=EUR');
    expect(r.status).toBe(400);
    expect(firstError(r)?.code).toBe('6000');
  });

  it("answer the sandbox's rate on a day, and an invoice without ExchangeRate uses it", async () => {
    await h.control('reset', { variant: 'multicurrency' });
    const r = await h.api('GET', 'exchangerate?sourcecurrencycode=EUR&asofdate=2026-01-15');
    expect(r.status).toBe(200);
    expect(r.json.ExchangeRate).toMatchObject({ SourceCurrencyCode: 'EUR', TargetCurrencyCode: 'USD', Rate: 1.08, AsOfDate: '2026-01-15', SyncToken: '0' });
    expect(r.json.time).toEqual(expect.any(String));
    expect(firstError(await h.api('GET', 'exchangerate?sourcecurrencycode=XYZ'))?.code).toBe('610');
    expect(firstError(await h.api('GET', 'exchangerate'))?.code).toBe('2020');
    const lumiere = await findId(h, 'Customer', 'DisplayName', 'Lumière Paris');
    const design = await findId(h, 'Item', 'Name', 'Design');
    const inv = (await h.api('POST', 'invoice', { CustomerRef: { value: lumiere }, CurrencyRef: { value: 'EUR' }, Line: [line(design, 1, 100)] })).json.Invoice;
    expect(inv).toMatchObject({ ExchangeRate: 1.08, TotalAmt: 100, HomeTotalAmt: 108 });
  });
});
