import { describe, expect, it } from 'vitest';
import { boot, findId, rows } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

describe('sample company', () => {
  const h = useSandbox(() => boot());

  it('has customers with jobs two levels deep, named Parent:Job', async () => {
    const customers = await rows(h, 'Customer');
    const phase2 = customers.find((c) => c.DisplayName === 'Feeder Phase 2');
    expect(phase2).toMatchObject({
      FullyQualifiedName: "Amy's Bird Sanctuary:Bird Feeder Project:Feeder Phase 2",
      Job: true,
      Level: 2,
      ParentRef: { name: "Amy's Bird Sanctuary:Bird Feeder Project" },
      RootCustomerRef: { name: "Amy's Bird Sanctuary" },
    });
  });

  it('hides inactive name-list records unless the query asks for them', async () => {
    const active = await rows(h, 'Customer');
    expect(active.map((c) => c.DisplayName)).not.toContain('Dukes Basketball Camp');
    const all = await rows(h, 'Customer', 'where Active in (true, false)');
    expect(all.find((c) => c.DisplayName === 'Dukes Basketball Camp')?.Active).toBe(false);
    expect(all.find((c) => c.DisplayName === '55 Twin Lane')).toMatchObject({ Active: false, FullyQualifiedName: 'Freeman Sporting Goods:55 Twin Lane' });
  });

  it('has service items with income accounts, one inactive, and a non-service item', async () => {
    const items = await rows(h, 'Item', "where Active in (true, false)");
    const services = items.filter((i) => i.Type === 'Service');
    expect(services.length).toBeGreaterThanOrEqual(4);
    // Every service item has an income account but one, imported without: invoices cannot sell it.
    for (const s of services.filter((i) => i.Name !== 'Flat Fee')) expect(s.IncomeAccountRef.value).toMatch(/^\d+$/);
    expect(services.find((s) => s.Name === 'Flat Fee')?.IncomeAccountRef).toBeUndefined();
    expect(services.find((s) => s.Name === 'Gardening')?.Active).toBe(false);
    expect(items.find((i) => i.Name === 'Materials')?.Type).toBe('NonInventory');
  });

  it('has employees and vendors, some 1099, some inactive', async () => {
    const vendors = await rows(h, 'Vendor', 'where Active in (true, false)');
    expect(vendors.filter((v) => v.Vendor1099).length).toBeGreaterThanOrEqual(2);
    expect(vendors.some((v) => !v.Vendor1099)).toBe(true);
    expect(vendors.some((v) => v.Active === false)).toBe(true);
    const employees = await rows(h, 'Employee', 'where Active = false');
    expect(employees.map((e) => e.DisplayName)).toEqual(['Peter Dukes']);
  });

  it('has classes with a sub-class, and tax codes', async () => {
    const classes = await rows(h, 'Class');
    expect(classes.map((c) => c.FullyQualifiedName)).toEqual(expect.arrayContaining(['Residential', 'Commercial', 'Commercial:Retail']));
    const taxCodes = await rows(h, 'TaxCode');
    expect(taxCodes.map((t) => t.Id)).toEqual(expect.arrayContaining(['TAX', 'NON']));
  });

  it('has time tracking and class tracking preferences, home currency by default', async () => {
    const r = await h.api('GET', 'preferences');
    expect(r.json.Preferences.TimeTrackingPrefs).toMatchObject({ UseServices: true, BillCustomers: true, DefaultTimeItem: { name: 'Hours' } });
    expect(r.json.Preferences.AccountingInfoPrefs.ClassTrackingPerTxn).toBe(true);
    expect(r.json.Preferences.CurrencyPrefs).toEqual({ MultiCurrencyEnabled: false, HomeCurrency: { value: 'USD' } });
  });

  it('answers companyinfo at /companyinfo/{realmId}', async () => {
    const r = await h.api('GET', `companyinfo/${h.sb.realmId}`);
    expect(r.status).toBe(200);
    expect(r.json.CompanyInfo).toMatchObject({ CompanyName: 'Track Nexus Demo Company', Country: 'US' });
  });

  it('has a multicurrency variant with foreign-currency customers', async () => {
    const other = await boot({ variant: 'multicurrency' });
    try {
      const prefs = await other.api('GET', 'preferences');
      expect(prefs.json.Preferences.CurrencyPrefs.MultiCurrencyEnabled).toBe(true);
      const customers = await rows(other, 'Customer');
      expect(customers.find((c) => c.DisplayName === 'Lumière Paris')?.CurrencyRef).toEqual({ value: 'EUR', name: 'Euro' });
    } finally {
      await other.close();
    }
  });

  it('seeds the same records with the same ids every time', async () => {
    const other = await boot();
    try {
      expect(await findId(other, 'Customer', 'DisplayName', 'Cool Cars')).toBe(await findId(h, 'Customer', 'DisplayName', 'Cool Cars'));
      expect((await other.control('state')).json.entities.Customer).toEqual((await h.control('state')).json.entities.Customer);
    } finally {
      await other.close();
    }
  });
});
