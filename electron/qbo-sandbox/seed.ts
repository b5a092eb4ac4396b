// The sample company, seeded the same way every time so tests can name its records.
// Seeded records carry a fixed creation time in the past, so a fresh company shows no
// recent changes through CDC.
import { Company, emptyCompany, type CompanyData, type Entity, type Variant } from './store';

export const SAMPLE_REALM_ID = '9341453050298765';
const SAMPLE_COMPANY_NAME = 'Track Nexus Demo Company';
const SEED_TIME = Date.UTC(2025, 0, 2, 17, 0, 0);

export interface SeedOptions {
  variant: Variant;
  /** Extra active customers ("Paging Customer 0001"…), for paging and benchmark runs. */
  extraCustomers?: number;
  /** The company's IANA zone; the sample company's (America/Los_Angeles) when left out. */
  timeZone?: string;
  /** The sample realm id when left out. */
  realmId?: string;
  /**
   * Preferences.AccountingInfoPrefs.BookCloseDate ('YYYY-MM-DD'); absent or null for books never
   * closed (the default, so Intuit's recorded samples dated 2015 still go through).
   */
  bookCloseDate?: string | null;
}

const USD = { value: 'USD', name: 'United States Dollar' };
export const CURRENCIES: Record<string, { value: string; name: string }> = {
  USD,
  EUR: { value: 'EUR', name: 'Euro' },
  GBP: { value: 'GBP', name: 'British Pound Sterling' },
  CAD: { value: 'CAD', name: 'Canadian Dollar' },
};

/** Builds the sample company. Each part below seeds one list; the order fixes every record's Id. */
export function seedCompany(options: SeedOptions): CompanyData {
  const data = emptyCompany(options.realmId ?? SAMPLE_REALM_ID, options.variant);
  if (options.timeZone) data.timeZone = options.timeZone;
  const co = new Company(data, () => SEED_TIME);
  const multi = options.variant === 'multicurrency';
  const accounts = seedAccounts(co);
  const { hours } = seedItems(co, accounts);
  seedTaxCodes(co);
  seedClasses(co);
  seedCustomers(co, multi, options.extraCustomers ?? 0);
  seedEmployees(co);
  seedVendors(co, multi);
  seedPreferences(co, hours, multi, options.bookCloseDate ?? null);
  seedCompanyInfo(co);
  return data;
}

interface SeedAccounts {
  services: Entity;
  consulting: Entity;
  oldIncome: Entity;
  labor: Entity;
}

/** The chart of accounts: income accounts (one inactive), A/R and the cost of labor. */
function seedAccounts(co: Company): SeedAccounts {
  const account = (Name: string, AccountType: string, AccountSubType: string, Classification: string, Active = true) =>
    co.insert('Account', {
      Name,
      FullyQualifiedName: Name,
      SubAccount: false,
      AccountType,
      AccountSubType,
      Classification,
      Active,
      CurrentBalance: 0,
      CurrentBalanceWithSubAccounts: 0,
      CurrencyRef: USD,
    });
  const services = account('Services', 'Income', 'ServiceFeeIncome', 'Revenue');
  const consulting = account('Consulting Income', 'Income', 'ServiceFeeIncome', 'Revenue');
  const oldIncome = account('Old Project Income', 'Income', 'OtherPrimaryIncome', 'Revenue', false);
  account('Accounts Receivable (A/R)', 'Accounts Receivable', 'AccountsReceivable', 'Asset');
  const labor = account('Cost of Labor', 'Cost of Goods Sold', 'CostOfLaborCos', 'Expense');
  return { services, consulting, oldIncome, labor };
}

/** Products and services: service items (one inactive), a non-service item; returns the default time item. */
function seedItems(co: Company, accounts: SeedAccounts): { hours: Entity } {
  const { services, consulting, oldIncome, labor } = accounts;
  const item = (Name: string, Type: string, UnitPrice: number, income: Entity, Active = true, Description?: string) =>
    co.insert('Item', {
      Name,
      FullyQualifiedName: Name,
      Type,
      Active,
      Taxable: false,
      UnitPrice,
      ...(Description ? { Description } : {}),
      IncomeAccountRef: { value: income.Id, name: income.Name },
      ExpenseAccountRef: { value: labor.Id, name: labor.Name },
      PurchaseCost: 0,
      TrackQtyOnHand: false,
      SubItem: false,
      Level: 0,
    });
  const hours = item('Hours', 'Service', 0, services, true, 'Billable hours');
  item('Design', 'Service', 75, services, true, 'Custom design');
  item('Consulting', 'Service', 120, consulting, true, 'Consulting by the hour');
  item('Installation', 'Service', 50, services, true, 'Installation of landscape design');
  item('Gardening', 'Service', 25, oldIncome, false, 'Weekly gardening (retired)');
  item('Materials', 'NonInventory', 10, services, true, 'Materials billed at cost');
  return { hours };
}

function seedTaxCodes(co: Company): void {
  co.insert('TaxCode', { Name: 'TAX', Description: 'Taxable', Taxable: true, TaxGroup: false, Active: true }, 'TAX');
  co.insert('TaxCode', { Name: 'NON', Description: 'Non-taxable', Taxable: false, TaxGroup: false, Active: true }, 'NON');
  co.insert('TaxCode', { Name: 'California', Description: 'California sales tax', Taxable: true, TaxGroup: true, Active: true });
}

/** Classes with a sub-class ("Commercial:Retail") and an inactive one. */
function seedClasses(co: Company): void {
  const klass = (Name: string, parent?: Entity, Active = true) =>
    co.insert('Class', {
      Name,
      SubClass: Boolean(parent),
      ...(parent ? { ParentRef: co.ref('Class', parent.Id) } : {}),
      FullyQualifiedName: parent ? `${parent.FullyQualifiedName as string}:${Name}` : Name,
      Active,
    });
  klass('Residential');
  const commercial = klass('Commercial');
  klass('Retail', commercial);
  klass('Legacy', undefined, false);
}

/**
 * Customers with jobs two levels deep (named Parent:Job), inactive ones, foreign-currency ones in the
 * multicurrency variant, and `extra` plain ones for paging.
 */
function seedCustomers(co: Company, multi: boolean, extra: number): void {
  const customer = (DisplayName: string, opts: { parent?: Entity; Active?: boolean; currency?: string; email?: string } = {}) => {
    const parent = opts.parent;
    const level = parent ? (parent.Level as number) + 1 : 0;
    const rootId = parent ? ((parent.RootCustomerRef as { value: string } | undefined)?.value ?? parent.Id) : undefined;
    const currency = parent ? (parent.CurrencyRef as { value: string }).value : (opts.currency ?? 'USD');
    return co.insert('Customer', {
      DisplayName,
      PrintOnCheckName: DisplayName,
      CompanyName: DisplayName,
      FullyQualifiedName: parent ? `${parent.FullyQualifiedName as string}:${DisplayName}` : DisplayName,
      Active: opts.Active ?? true,
      Job: Boolean(parent),
      BillWithParent: Boolean(parent),
      ...(parent && rootId ? { ParentRef: co.ref('Customer', parent.Id), RootCustomerRef: co.ref('Customer', rootId) } : {}),
      Level: level,
      Taxable: false,
      Balance: 0,
      BalanceWithJobs: 0,
      CurrencyRef: CURRENCIES[currency],
      PreferredDeliveryMethod: 'Email',
      ...(opts.email ? { PrimaryEmailAddr: { Address: opts.email } } : {}),
    });
  };
  const amy = customer("Amy's Bird Sanctuary", { email: 'birds@example.com' });
  const feeder = customer('Bird Feeder Project', { parent: amy });
  customer('Feeder Phase 2', { parent: feeder });
  const cars = customer('Cool Cars', { email: 'cool_cars@example.com' });
  customer('Showroom Landscaping', { parent: cars });
  customer('Dukes Basketball Camp', { Active: false });
  const freeman = customer('Freeman Sporting Goods', { email: 'sports@example.com' });
  customer('0969 Ocean View Road', { parent: freeman });
  customer('55 Twin Lane', { parent: freeman, Active: false });
  customer('Geeta Kalapatapu', { email: 'geeta@example.com' });
  customer("Jeff's Jalopies");
  customer('Kookies by Kathy', { email: 'kathy@example.com' });
  if (multi) {
    customer('Lumière Paris', { currency: 'EUR', email: 'contact@lumiere.example' });
    customer('Thames Consulting Ltd', { currency: 'GBP' });
    customer('Maple Leaf Outfitters', { currency: 'CAD' });
  }
  for (let i = 1; i <= extra; i++) customer(`Paging Customer ${String(i).padStart(4, '0')}`);
}

/** Employees with bill rates, one inactive. */
function seedEmployees(co: Company): void {
  const employee = (GivenName: string, FamilyName: string, BillRate: number, Active = true, EmployeeNumber?: string) =>
    co.insert('Employee', {
      GivenName,
      FamilyName,
      DisplayName: `${GivenName} ${FamilyName}`,
      PrintOnCheckName: `${GivenName} ${FamilyName}`,
      Active,
      BillableTime: BillRate > 0,
      BillRate,
      CostRate: Math.round(BillRate * 0.4),
      ...(EmployeeNumber ? { EmployeeNumber } : {}),
      HiredDate: '2024-03-01',
    });
  employee('Emily', 'Platt', 75, true, 'E-001');
  employee('John', 'Johnson', 60, true, 'E-002');
  employee('Peter', 'Dukes', 55, false, 'E-003');
}

/** Vendors, some 1099 contractors with bill rates, one inactive, one in euros in the multicurrency variant. */
function seedVendors(co: Company, multi: boolean): void {
  const vendor = (DisplayName: string, Vendor1099: boolean, BillRate?: number, Active = true, currency = 'USD') =>
    co.insert('Vendor', {
      DisplayName,
      CompanyName: DisplayName,
      PrintOnCheckName: DisplayName,
      Active,
      Vendor1099,
      ...(BillRate ? { BillRate } : {}),
      Balance: 0,
      CurrencyRef: CURRENCIES[currency],
    });
  vendor('Brosnahan Insurance Agency', false);
  vendor("Tania's Nursery", true, 65);
  vendor('Mahoney Mugs', true, 90);
  vendor('Old Contractor Co', true, 40, false);
  if (multi) vendor('Nordic Design AB', true, 85, true, 'EUR');
}

/** The company's preferences: closing date, class tracking, time tracking with `hours` as the default item, currencies. */
function seedPreferences(co: Company, hours: Entity, multi: boolean, bookCloseDate: string | null): void {
  co.insert(
    'Preferences',
    {
      AccountingInfoPrefs: {
        TrackDepartments: false,
        ClassTrackingPerTxn: true,
        ClassTrackingPerTxnLine: false,
        CustomerTerminology: 'Customers',
        UseAccountNumbers: false,
        ...(bookCloseDate ? { BookCloseDate: bookCloseDate } : {}),
      },
      ProductAndServicesPrefs: { ForSales: true, ForPurchase: true, QuantityWithPriceAndRate: true, QuantityOnHand: false },
      SalesFormsPrefs: { CustomTxnNumbers: false, AllowDiscount: true, AllowDeposit: false, AllowShipping: false, ETransactionEnabledStatus: 'NotApplicable' },
      TimeTrackingPrefs: {
        UseServices: true,
        DefaultTimeItem: { value: hours.Id, name: 'Hours' },
        BillCustomers: true,
        ShowBillRateToAll: false,
        WorkWeekStartDate: 'Monday',
        MarkTimeEntriesBillable: true,
      },
      CurrencyPrefs: { MultiCurrencyEnabled: multi, HomeCurrency: { value: 'USD' } },
      TaxPrefs: { UsingSalesTax: true, PartnerTaxEnabled: true },
      OtherPrefs: { NameValue: [{ Name: 'SalesFormsPrefs.DefaultCustomerMessage', Value: 'Thank you for your business.' }] },
    },
    '1',
  );
}

function seedCompanyInfo(co: Company): void {
  co.insert(
    'CompanyInfo',
    {
      CompanyName: SAMPLE_COMPANY_NAME,
      LegalName: `${SAMPLE_COMPANY_NAME} LLC`,
      CompanyAddr: { Line1: '2700 Coast Ave', City: 'Mountain View', CountrySubDivisionCode: 'CA', PostalCode: '94043', Country: 'US' },
      Country: 'US',
      Email: { Address: 'books@tracknexus.example' },
      CompanyStartDate: '2025-01-01',
      FiscalYearStartMonth: 'January',
      SupportedLanguages: 'en',
      NameValue: [
        { Name: 'NeoEnabled', Value: 'true' },
        { Name: 'IndustryType', Value: 'Landscaping Services' },
        { Name: 'OfferingSku', Value: 'QuickBooks Online Plus' },
      ],
    },
    '1',
  );
}
