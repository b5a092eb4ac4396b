// The sample company, seeded the same way every time so tests can name its records.
// Seeded records carry a fixed creation time in the past, so a fresh company shows no
// recent changes through CDC.
import { Company, emptyCompany, type CompanyData, type Entity, type TaxModel, type Variant } from './store';

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
  /** 'us' (the default): TAX/NON on lines, the invoice names the rate; 'codes': a tax code on each line. */
  taxModel?: TaxModel;
}

const USD = { value: 'USD', name: 'United States Dollar' };
export const CURRENCIES: Record<string, { value: string; name: string }> = {
  USD,
  EUR: { value: 'EUR', name: 'Euro' },
  GBP: { value: 'GBP', name: 'British Pound Sterling' },
  CAD: { value: 'CAD', name: 'Canadian Dollar' },
};

/** The sandbox's exchange rates (home units per foreign unit), the same on every date. */
export const SAMPLE_RATES: Record<string, number> = { USD: 1, EUR: 1.08, GBP: 1.27, CAD: 0.73 };

/** QuickBooks' own invoice e-mail wording (Intuit's Preferences sample), with this company's name. */
const INVOICE_MESSAGE = {
  Subject: `Invoice [Invoice No.] from ${SAMPLE_COMPANY_NAME}`,
  Message: `Your invoice is attached.  We appreciate your prompt payment.\n\nThanks for your business!\n\t\t\t\t\t\t${SAMPLE_COMPANY_NAME}`,
};

/** Builds the sample company. Each part below seeds one list; the order fixes every record's Id. */
export function seedCompany(options: SeedOptions): CompanyData {
  const data = emptyCompany(options.realmId ?? SAMPLE_REALM_ID, options.variant);
  if (options.timeZone) data.timeZone = options.timeZone;
  const taxModel = options.taxModel ?? 'us';
  if (taxModel !== 'us') data.taxModel = taxModel;
  const co = new Company(data, () => SEED_TIME);
  const multi = options.variant === 'multicurrency';
  const accounts = seedAccounts(co);
  const { hours } = seedItems(co, accounts);
  const salesTax = taxModel === 'us' ? seedUsTax(co) : seedTaxCodesByRate(co);
  seedClasses(co);
  seedTerms(co);
  seedCustomers(co, multi, options.extraCustomers ?? 0, taxModel === 'us' ? salesTax : undefined);
  seedEmployees(co);
  seedVendors(co, multi);
  seedItemWithoutIncomeAccount(co, accounts);
  seedExpenseAccounts(co);
  if (taxModel === 'codes') giveItemsTaxCodes(co, salesTax);
  seedEstimate(co, taxModel === 'us' ? { value: 'NON' } : co.ref('TaxCode', salesTax.Id));
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
  // Materials are taxable (US sales tax), services not.
  Object.assign(item('Materials', 'NonInventory', 10, services, true, 'Materials billed at cost'), { Taxable: true });
  return { hours };
}

/**
 * A service item without an income account, as items imported from elsewhere can be: selling it on
 * an invoice is refused. Seeded after every other list so the other records keep their Ids.
 */
function seedItemWithoutIncomeAccount(co: Company, accounts: SeedAccounts): void {
  co.insert('Item', {
    Name: 'Flat Fee',
    FullyQualifiedName: 'Flat Fee',
    Type: 'Service',
    Active: true,
    Taxable: false,
    UnitPrice: 500,
    Description: 'Flat fee (imported, no income account)',
    ExpenseAccountRef: { value: accounts.labor.Id, name: accounts.labor.Name },
    PurchaseCost: 0,
    TrackQtyOnHand: false,
    SubItem: false,
    Level: 0,
  });
}

/**
 * For expenses (issue 16), seeded after every earlier list so their Ids stay: the accounts money is
 * paid from (Bank "Checking", Credit Card "Visa"), expense accounts, and the income account that
 * reimbursed expenses are sold into with its service item "Reimbursable expenses".
 */
function seedExpenseAccounts(co: Company): void {
  const account = (Name: string, AccountType: string, AccountSubType: string, Classification: string) =>
    co.insert('Account', { Name, FullyQualifiedName: Name, SubAccount: false, AccountType, AccountSubType, Classification, Active: true, CurrentBalance: 0, CurrentBalanceWithSubAccounts: 0, CurrencyRef: USD });
  account('Checking', 'Bank', 'Checking', 'Asset');
  account('Visa', 'Credit Card', 'CreditCard', 'Liability');
  account('Travel', 'Expense', 'Travel', 'Expense');
  account('Meals', 'Expense', 'EntertainmentMeals', 'Expense');
  account('Software', 'Expense', 'OtherMiscellaneousServiceCost', 'Expense');
  account('Office Supplies', 'Expense', 'OfficeGeneralAdministrativeExpenses', 'Expense');
  const income = account('Billable Expense Income', 'Income', 'ServiceFeeIncome', 'Revenue');
  co.insert('Item', {
    Name: 'Reimbursable expenses',
    FullyQualifiedName: 'Reimbursable expenses',
    Type: 'Service',
    Active: true,
    Taxable: false,
    UnitPrice: 0,
    Description: 'Expenses billed back at cost',
    IncomeAccountRef: { value: income.Id, name: income.Name },
    PurchaseCost: 0,
    TrackQtyOnHand: false,
    SubItem: false,
    Level: 0,
  });
}

/**
 * One pending Estimate for Cool Cars (the customer with the Showroom Landscaping project), so progress
 * billing can take its budget from it: Design, Consulting and Installation, 3,550.00 in all, no tax.
 */
function seedEstimate(co: Company, taxCode: { value: string; name?: string }): void {
  const itemId = (name: string) => (co.all('Item').find((i) => i.Name === name) as Entity).Id;
  const cars = co.all('Customer').find((c) => c.DisplayName === 'Cool Cars') as Entity;
  const line = (n: number, name: string, Qty: number, UnitPrice: number, Description: string) => ({
    Id: String(n), LineNum: n, Description, Amount: Qty * UnitPrice, DetailType: 'SalesItemLineDetail',
    SalesItemLineDetail: { ItemRef: co.ref('Item', itemId(name)), Qty, UnitPrice, TaxCodeRef: taxCode },
  });
  const lines = [line(1, 'Design', 10, 75, 'Showroom landscape design'), line(2, 'Consulting', 20, 120, 'Planting plan and supplier meetings'), line(3, 'Installation', 8, 50, 'Installation')];
  const total = lines.reduce((sum, l) => sum + l.Amount, 0);
  co.insert('Estimate', {
    DocNumber: '1001', TxnDate: '2025-01-02', ExpirationDate: '2025-03-31', TxnStatus: 'Pending',
    CustomerRef: co.ref('Customer', cars.Id), CurrencyRef: USD, ExchangeRate: 1, SalesTermRef: co.ref('Term', '3'),
    Line: [...lines, { Amount: total, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} }],
    LinkedTxn: [], TxnTaxDetail: { TotalTax: 0 }, TotalAmt: total, ...(co.multicurrency ? { HomeTotalAmt: total } : {}),
    BillEmail: { Address: 'cool_cars@example.com' }, EmailStatus: 'NotSet', PrintStatus: 'NeedToPrint', ApplyTaxAfterDiscount: false,
    ...(co.taxModel === 'codes' ? { GlobalTaxCalculation: 'TaxExcluded' } : {}),
  });
}

/** Tax rates with fixed Ids ('1', '2', …): their own list in QBO, numbered apart from the rest. */
function seedTaxRates(co: Company, rates: Array<[string, number]>): Entity[] {
  return rates.map(([Name, RateValue], i) =>
    co.insert('TaxRate', { Name, Description: Name, RateValue, Active: true, AgencyRef: { value: '1', name: 'Tax agency' }, SpecialTaxType: 'NONE', DisplayType: 'ReadOnly', EffectiveTaxRate: [{ RateValue, EffectiveDate: '2025-01-01T00:00:00-08:00' }] }, String(i + 1)),
  );
}

function rateList(co: Company, rates: Entity[]) {
  return { TaxRateDetail: rates.map((r, i) => ({ TaxRateRef: co.ref('TaxRate', r.Id), TaxTypeApplicable: 'TaxOnAmount', TaxOrder: i })) };
}

/** US: the pseudo codes TAX/NON for lines, and California (state + county rate) for the invoice. Returns California. */
function seedUsTax(co: Company): Entity {
  const rates = seedTaxRates(co, [['California State', 6], ['Santa Clara County', 2.25]]);
  co.insert('TaxCode', { Name: 'TAX', Description: 'Taxable', Taxable: true, TaxGroup: false, Active: true }, 'TAX');
  co.insert('TaxCode', { Name: 'NON', Description: 'Non-taxable', Taxable: false, TaxGroup: false, Active: true }, 'NON');
  return co.insert('TaxCode', { Name: 'California', Description: 'California sales tax', Taxable: true, TaxGroup: true, Active: true, SalesTaxRateList: rateList(co, rates), PurchaseTaxRateList: { TaxRateDetail: [] } });
}

/** Outside the US: each line names a tax code; VAT at 20 %, 5 % and 0 %, and a code for no VAT. Returns the standard code. */
function seedTaxCodesByRate(co: Company): Entity {
  const [standard, reduced, zero] = seedTaxRates(co, [['VAT 20%', 20], ['VAT 5%', 5], ['VAT 0%', 0]]) as [Entity, Entity, Entity];
  const code = (Name: string, Description: string, rates: Entity[]) =>
    co.insert('TaxCode', { Name, Description, Taxable: rates.length > 0, TaxGroup: false, Active: true, SalesTaxRateList: rateList(co, rates), PurchaseTaxRateList: { TaxRateDetail: [] } });
  const standardCode = code('20.0% S', 'Standard rated', [standard]);
  code('5.0% R', 'Reduced rate', [reduced]);
  code('0.0% Z', 'Zero rated', [zero]);
  code('No VAT', 'Outside the scope of VAT', []);
  return standardCode;
}

/** Outside the US, items carry the tax code their lines default to (all standard rated here, but the flat fee). */
function giveItemsTaxCodes(co: Company, standard: Entity): void {
  for (const item of co.all('Item')) {
    if (item.IncomeAccountRef) Object.assign(item, { Taxable: true, SalesTaxCodeRef: co.ref('TaxCode', standard.Id) });
  }
}

/** Payment terms with fixed Ids '1'–'4', as QBO numbers each list on its own. */
function seedTerms(co: Company): void {
  const term = (Name: string, DueDays: number, id: string) =>
    co.insert('Term', { Name, Active: true, Type: 'STANDARD', DueDays, DiscountPercent: 0, DiscountDays: 0 }, id);
  term('Due on receipt', 0, '1');
  term('Net 15', 15, '2');
  term('Net 30', 30, '3');
  term('Net 60', 60, '4');
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
function seedCustomers(co: Company, multi: boolean, extra: number, usTaxCode: Entity | undefined): void {
  type Opts = { parent?: Entity; Active?: boolean; currency?: string; email?: string; term?: string; taxable?: boolean };
  const customer = (DisplayName: string, opts: Opts = {}) => {
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
      Taxable: opts.taxable ?? false,
      ...(opts.taxable && usTaxCode ? { DefaultTaxCodeRef: co.ref('TaxCode', usTaxCode.Id) } : {}),
      ...(opts.term ? { SalesTermRef: co.ref('Term', opts.term) } : {}),
      Balance: 0,
      BalanceWithJobs: 0,
      CurrencyRef: CURRENCIES[currency],
      PreferredDeliveryMethod: 'Email',
      ...(opts.email ? { PrimaryEmailAddr: { Address: opts.email } } : {}),
    });
  };
  seedCustomerList(customer, multi);
  for (let i = 1; i <= extra; i++) customer(`Paging Customer ${String(i).padStart(4, '0')}`);
}

/** The named customers: terms '1' due on receipt … '4' net 60; two taxable ones. */
function seedCustomerList(customer: (name: string, opts?: { parent?: Entity; Active?: boolean; currency?: string; email?: string; term?: string; taxable?: boolean }) => Entity, multi: boolean): void {
  const amy = customer("Amy's Bird Sanctuary", { email: 'birds@example.com', term: '2' });
  const feeder = customer('Bird Feeder Project', { parent: amy });
  customer('Feeder Phase 2', { parent: feeder });
  const cars = customer('Cool Cars', { email: 'cool_cars@example.com', term: '3' });
  customer('Showroom Landscaping', { parent: cars });
  customer('Dukes Basketball Camp', { Active: false });
  const freeman = customer('Freeman Sporting Goods', { email: 'sports@example.com', term: '4' });
  customer('0969 Ocean View Road', { parent: freeman });
  customer('55 Twin Lane', { parent: freeman, Active: false });
  customer('Geeta Kalapatapu', { email: 'geeta@example.com', term: '1' });
  customer("Jeff's Jalopies", { email: 'jeff@jalopies.example', taxable: true });
  customer('Kookies by Kathy', { email: 'kathy@example.com', taxable: true, term: '2' });
  if (multi) {
    customer('Lumière Paris', { currency: 'EUR', email: 'contact@lumiere.example' });
    customer('Thames Consulting Ltd', { currency: 'GBP' });
    customer('Maple Leaf Outfitters', { currency: 'CAD' });
  }
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
      SalesFormsPrefs: { CustomTxnNumbers: false, AllowDiscount: true, AllowDeposit: false, AllowShipping: false, ETransactionEnabledStatus: 'NotApplicable', DefaultTerms: { value: '3' } },
      EmailMessagesPrefs: { InvoiceMessage: INVOICE_MESSAGE },
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
