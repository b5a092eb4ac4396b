// QBO's write rules, per entity: which fields exist, which are required, which references
// must point at active records, and the values QBO derives (FullyQualifiedName, totals, …).
// Each rule answers with the fault code QBO uses, so a client that passes here passes there.
import { faults } from './errors';
import { CURRENCIES, SAMPLE_RATES } from './seed';
import { invoiceTax, lineTaxCode } from './tax';
import { decimalToMinor, minorToDecimalNumber } from '../../shared/qbo/decimal';
import type { Company, Entity, EntityType, LinkedTxn, Ref } from './store';
import { DAY_MS, qboDate, qboDateTime, qboInstant } from './time';

const ENTITY_FIELDS = ['Id', 'SyncToken', 'MetaData', 'domain', 'sparse', 'status'];
const PERSON_FIELDS = ['DisplayName', 'Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix', 'PrintOnCheckName', 'Active', 'PrimaryEmailAddr', 'PrimaryPhone', 'Mobile', 'Fax', 'WebAddr', 'V4IDPseudonym'];

/** Every field a client may send (read-only ones are accepted and ignored, as QBO does). */
const FIELDS: Partial<Record<EntityType, string[]>> = {
  Customer: [...PERSON_FIELDS, 'CompanyName', 'FullyQualifiedName', 'Job', 'BillWithParent', 'ParentRef', 'Level', 'RootCustomerRef', 'Taxable', 'DefaultTaxCodeRef', 'SalesTermRef', 'PaymentMethodRef', 'Balance', 'BalanceWithJobs', 'OpenBalanceDate', 'CurrencyRef', 'PreferredDeliveryMethod', 'BillAddr', 'ShipAddr', 'Notes', 'ResaleNum', 'IsProject', 'PrimaryTaxIdentifier'],
  Employee: [...PERSON_FIELDS, 'PrimaryAddr', 'EmployeeNumber', 'SSN', 'BillableTime', 'BillRate', 'CostRate', 'HiredDate', 'ReleasedDate', 'BirthDate', 'Gender', 'Organization'],
  Vendor: [...PERSON_FIELDS, 'CompanyName', 'Vendor1099', 'BillRate', 'CostRate', 'CurrencyRef', 'Balance', 'AcctNum', 'TaxIdentifier', 'BillAddr', 'TermRef'],
  Item: ['Name', 'Description', 'Active', 'Type', 'FullyQualifiedName', 'Taxable', 'SalesTaxIncluded', 'UnitPrice', 'IncomeAccountRef', 'ExpenseAccountRef', 'AssetAccountRef', 'PurchaseDesc', 'PurchaseCost', 'TrackQtyOnHand', 'QtyOnHand', 'InvStartDate', 'Sku', 'SubItem', 'ParentRef', 'Level', 'SalesTaxCodeRef', 'PurchaseTaxCodeRef', 'ClassRef'],
  Class: ['Name', 'SubClass', 'ParentRef', 'FullyQualifiedName', 'Active'],
  Account: ['Name', 'FullyQualifiedName', 'Description', 'Active', 'SubAccount', 'ParentRef', 'AccountType', 'AccountSubType', 'Classification', 'CurrentBalance', 'CurrentBalanceWithSubAccounts', 'CurrencyRef', 'AcctNum'],
  TimeActivity: ['TxnDate', 'NameOf', 'EmployeeRef', 'VendorRef', 'CustomerRef', 'ItemRef', 'ClassRef', 'DepartmentRef', 'ProjectRef', 'PayrollItemRef', 'BillableStatus', 'Taxable', 'HourlyRate', 'CostRate', 'Hours', 'Minutes', 'Seconds', 'BreakHours', 'BreakMinutes', 'BreakSeconds', 'StartTime', 'EndTime', 'Description', 'TimeZone', 'HoursInEmployeeTimeZone'],
  Invoice: ['DocNumber', 'TxnDate', 'DueDate', 'ShipDate', 'CustomerRef', 'Line', 'LinkedTxn', 'TotalAmt', 'Balance', 'HomeTotalAmt', 'HomeBalance', 'CurrencyRef', 'ExchangeRate', 'SalesTermRef', 'CustomerMemo', 'PrivateNote', 'BillEmail', 'BillEmailCc', 'BillEmailBcc', 'BillAddr', 'ShipAddr', 'EmailStatus', 'PrintStatus', 'DeliveryInfo', 'ClassRef', 'DepartmentRef', 'TxnTaxDetail', 'ApplyTaxAfterDiscount', 'GlobalTaxCalculation', 'AllowIPNPayment', 'AllowOnlinePayment', 'AllowOnlineCreditCardPayment', 'AllowOnlineACHPayment', 'Deposit', 'InvoiceLink', 'TxnSource', 'CustomField', 'RecurDataRef'],
  Payment: ['TxnDate', 'CustomerRef', 'TotalAmt', 'UnappliedAmt', 'Line', 'LinkedTxn', 'CurrencyRef', 'ExchangeRate', 'PrivateNote', 'PaymentRefNum', 'PaymentMethodRef', 'DepositToAccountRef', 'ARAccountRef', 'ProcessPayment', 'TxnSource'],
  Estimate: ['DocNumber', 'TxnDate', 'ExpirationDate', 'DueDate', 'ShipDate', 'CustomerRef', 'Line', 'LinkedTxn', 'TxnStatus', 'AcceptedBy', 'AcceptedDate', 'TotalAmt', 'HomeTotalAmt', 'CurrencyRef', 'ExchangeRate', 'SalesTermRef', 'CustomerMemo', 'PrivateNote', 'BillEmail', 'BillAddr', 'ShipAddr', 'EmailStatus', 'PrintStatus', 'ClassRef', 'DepartmentRef', 'TxnTaxDetail', 'ApplyTaxAfterDiscount', 'GlobalTaxCalculation', 'CustomField', 'TxnSource'],
  Purchase: ['DocNumber', 'TxnDate', 'PaymentType', 'AccountRef', 'EntityRef', 'Line', 'LinkedTxn', 'TotalAmt', 'CurrencyRef', 'ExchangeRate', 'PrivateNote', 'PaymentMethodRef', 'Credit', 'DepartmentRef', 'TxnTaxDetail', 'GlobalTaxCalculation', 'PrintStatus', 'RemitToAddr', 'TxnSource'],
  RecurringTransaction: ['Invoice'],
};
const ALLOW_PAYMENT = ['AllowIPNPayment', 'AllowOnlinePayment', 'AllowOnlineCreditCardPayment', 'AllowOnlineACHPayment'];
const BOOLEAN_FIELDS = new Set(['Active', 'Job', 'BillWithParent', 'Taxable', 'Vendor1099', 'BillableTime', 'SubItem', 'SubClass', 'SubAccount', 'TrackQtyOnHand', 'sparse', 'IsProject', 'HoursInEmployeeTimeZone', 'Credit', 'ProcessPayment', ...ALLOW_PAYMENT]);
const NUMBER_FIELDS = new Set(['BillRate', 'CostRate', 'UnitPrice', 'PurchaseCost', 'HourlyRate', 'Hours', 'Minutes', 'Seconds', 'BreakHours', 'BreakMinutes', 'BreakSeconds', 'ExchangeRate', 'Deposit']);
const READ_ONLY: Partial<Record<EntityType, string[]>> = {
  Customer: ['FullyQualifiedName', 'Level', 'RootCustomerRef', 'Balance', 'BalanceWithJobs'],
  Vendor: ['Balance'],
  Item: ['FullyQualifiedName', 'Level'],
  Class: ['FullyQualifiedName'],
  Account: ['FullyQualifiedName', 'CurrentBalance', 'CurrentBalanceWithSubAccounts'],
  Invoice: ['TotalAmt', 'Balance', 'HomeTotalAmt', 'HomeBalance', 'InvoiceLink', 'RecurDataRef'],
  Payment: ['UnappliedAmt', 'LinkedTxn'],
  Estimate: ['TotalAmt', 'HomeTotalAmt'],
  Purchase: ['TotalAmt', 'LinkedTxn'],
};

export const WRITABLE_TYPES = Object.keys(FIELDS) as EntityType[];

/** Turns a parsed body into the shape QBO accepts, or the 2010 fault QBO answers for a bad shape. */
export function checkShape(type: EntityType, body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw faults.malformed(`failed to parse json object; ${type} must be an object`);
  const allowed = new Set([...ENTITY_FIELDS, ...(FIELDS[type] ?? [])]);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!allowed.has(key)) throw faults.malformed(`Unrecognized field "${key}" (class com.intuit.schema.finance.v3.${type}), not marked as ignorable`, key);
    out[key] = coerce(key, value);
  }
  return out;
}

function coerce(key: string, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (key.endsWith('Ref')) {
    const v = (value as { value?: unknown }).value;
    if (typeof value !== 'object' || Array.isArray(value) || (typeof v !== 'string' && typeof v !== 'number')) {
      throw faults.malformed(`failed to parse json object; a property specified is unsupported or invalid (${key} must be {"value": "<Id>"})`, key);
    }
    return { value: String(v) };
  }
  if (BOOLEAN_FIELDS.has(key)) {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw faults.malformed(`${key} must be a boolean`, key);
  }
  if (NUMBER_FIELDS.has(key)) {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isFinite(n)) throw faults.malformed(`${key} must be a number`, key);
    return n;
  }
  return value;
}

interface Prepared {
  fields: Record<string, unknown>;
}

export function prepare(co: Company, type: EntityType, body: Record<string, unknown>, existing?: Entity): Prepared {
  const input = { ...body };
  for (const key of [...ENTITY_FIELDS, ...(READ_ONLY[type] ?? [])]) delete input[key];
  switch (type) {
    case 'Customer':
    case 'Employee':
    case 'Vendor':
      return { fields: preparePerson(co, type, input, existing) };
    case 'Item':
      return { fields: prepareItem(co, input, existing) };
    case 'Class':
      return { fields: prepareClass(co, input, existing) };
    case 'Account':
      return { fields: prepareAccount(co, input, existing) };
    case 'TimeActivity':
      return { fields: prepareTimeActivity(co, input, existing) };
    case 'Invoice':
      return prepareInvoice(co, input, existing);
    case 'Estimate':
      return { fields: prepareEstimate(co, input, existing) };
    default:
      throw faults.unsupported(`Operation Create/Update is not supported for ${type}.`);
  }
}

// ---- references -----------------------------------------------------------------------

/** A reference must name an existing (2500) and active (610) record. */
export function resolveRef(co: Company, type: EntityType, raw: unknown, element: string, mustBeActive = true): Ref {
  const id = (raw as Ref).value;
  const target = co.get(type, id);
  if (!target) throw faults.invalidReference(element);
  // Real answers to an inactive reference carry `"element": ""`: QuickBooks does not say which one.
  if (mustBeActive && target.Active === false) throw faults.objectNotFound('');
  return co.ref(type, id);
}

function optionalRef(co: Company, type: EntityType, input: Record<string, unknown>, key: string): Ref | undefined {
  return input[key] === undefined ? undefined : resolveRef(co, type, input[key], key);
}

/** Refs to lists the sample company does not have (departments, projects, payroll items). */
function refuseAbsentList(input: Record<string, unknown>, keys: string[]): void {
  for (const key of keys) if (input[key] !== undefined) throw faults.invalidReference(key);
}

// ---- names ----------------------------------------------------------------------------

function checkName(name: string, field: string): void {
  if (/[:\t\n]/.test(name)) throw faults.business(`${field} cannot contain a colon (:), tab or newline.`, field);
  if (name.length > 100) throw faults.business(`${field} cannot be longer than 100 characters.`, field);
}

/** DisplayName is shared by customers, vendors and employees, inactive ones included (6240). */
function checkDisplayNameUnique(co: Company, name: string, self?: Entity): void {
  const lower = name.toLowerCase();
  for (const type of ['Customer', 'Vendor', 'Employee'] as const) {
    for (const e of co.each(type)) {
      if (e !== self && String(e.DisplayName).toLowerCase() === lower) throw faults.duplicateName();
    }
  }
}

function currencyOf(co: Company, input: Record<string, unknown>, existing: Entity | undefined, entityLabel: string): Ref {
  const wanted = (input.CurrencyRef as Ref | undefined)?.value ?? (existing?.CurrencyRef as Ref | undefined)?.value ?? 'USD';
  const currency = CURRENCIES[wanted];
  if (!currency) throw faults.invalidReference('CurrencyRef');
  if (wanted !== 'USD' && !co.multicurrency) throw faults.business('Multicurrency is not enabled for this company.', 'CurrencyRef');
  const before = (existing?.CurrencyRef as Ref | undefined)?.value;
  if (before && before !== wanted) throw faults.business(`You can't change the currency of a ${entityLabel} once it has been created.`, 'CurrencyRef');
  return currency;
}

function preparePerson(co: Company, type: 'Customer' | 'Employee' | 'Vendor', input: Record<string, unknown>, existing?: Entity): Record<string, unknown> {
  const parts = [input.Title, input.GivenName, input.MiddleName, input.FamilyName, input.Suffix].filter((p) => typeof p === 'string' && p.trim());
  const derived = parts.length ? parts.join(' ') : type !== 'Employee' && typeof input.CompanyName === 'string' ? input.CompanyName : undefined;
  const displayName = typeof input.DisplayName === 'string' && input.DisplayName.trim() ? input.DisplayName.trim() : derived;
  if (!displayName) throw faults.requiredMissing('DisplayName');
  checkName(displayName, 'DisplayName');
  checkDisplayNameUnique(co, displayName, existing);
  const fields: Record<string, unknown> = { ...input, DisplayName: displayName, PrintOnCheckName: input.PrintOnCheckName ?? displayName, Active: input.Active ?? true };
  if (type === 'Employee') return fields;
  fields.CurrencyRef = currencyOf(co, input, existing, type.toLowerCase());
  fields.Balance = existing?.Balance ?? 0;
  if (type === 'Vendor') return { ...fields, Vendor1099: input.Vendor1099 ?? false };
  return prepareCustomerHierarchy(co, fields, input, existing);
}

/** Sub-customers and jobs: parent must be active, FullyQualifiedName is Parent:Child, at most 4 levels below the top. */
function prepareCustomerHierarchy(co: Company, fields: Record<string, unknown>, input: Record<string, unknown>, existing?: Entity): Record<string, unknown> {
  if (input.Job === true && input.ParentRef === undefined) throw faults.requiredMissing('ParentRef');
  const base = { ...fields, Taxable: input.Taxable ?? false, BalanceWithJobs: existing?.BalanceWithJobs ?? 0 };
  if (input.ParentRef === undefined) {
    return { ...base, Job: false, BillWithParent: false, Level: 0, FullyQualifiedName: fields.DisplayName, ParentRef: undefined, RootCustomerRef: undefined };
  }
  const parentRef = resolveRef(co, 'Customer', input.ParentRef, 'ParentRef');
  const parent = co.get('Customer', parentRef.value) as Entity;
  for (let p: Entity | undefined = parent; p; p = p.ParentRef ? co.get('Customer', (p.ParentRef as Ref).value) : undefined) {
    if (existing && p.Id === existing.Id) throw faults.business('A customer cannot be its own parent or the parent of its own parent.', 'ParentRef');
  }
  const level = (parent.Level as number) + 1;
  if (level > 4) throw faults.business('Sub-customers can only be nested 4 levels deep.', 'ParentRef');
  if ((parent.CurrencyRef as Ref).value !== (fields.CurrencyRef as Ref).value) {
    throw faults.business("A sub-customer must use its parent customer's currency.", 'CurrencyRef');
  }
  const root = parent.RootCustomerRef ? (parent.RootCustomerRef as Ref) : co.ref('Customer', parent.Id);
  return {
    ...base,
    Job: true,
    BillWithParent: input.BillWithParent ?? false,
    ParentRef: co.ref('Customer', parent.Id),
    RootCustomerRef: co.ref('Customer', root.value),
    Level: level,
    FullyQualifiedName: `${parent.FullyQualifiedName as string}:${fields.DisplayName as string}`,
  };
}

function requireName(input: Record<string, unknown>): string {
  if (typeof input.Name !== 'string' || !input.Name.trim()) throw faults.requiredMissing('Name');
  const name = input.Name.trim();
  checkName(name, 'Name');
  return name;
}

function uniqueFqn(co: Company, type: EntityType, fqn: string, self: Entity | undefined, what: string): void {
  const lower = fqn.toLowerCase();
  if (co.each(type).some((e) => e !== self && String(e.FullyQualifiedName).toLowerCase() === lower)) {
    throw faults.duplicateName(`Another ${what} is already using this name. Please use a different name.`);
  }
}

function withParent(co: Company, type: EntityType, input: Record<string, unknown>, name: string, existing?: Entity) {
  if (input.ParentRef === undefined) return { FullyQualifiedName: name, Level: 0, ParentRef: undefined };
  const ref = resolveRef(co, type, input.ParentRef, 'ParentRef');
  if (existing && ref.value === existing.Id) throw faults.business('An entry cannot be its own parent.', 'ParentRef');
  const parent = co.get(type, ref.value) as Entity;
  return { FullyQualifiedName: `${parent.FullyQualifiedName as string}:${name}`, Level: ((parent.Level as number | undefined) ?? 0) + 1, ParentRef: ref };
}

function prepareItem(co: Company, input: Record<string, unknown>, existing?: Entity): Record<string, unknown> {
  const name = requireName(input);
  const type = (input.Type as string | undefined) ?? 'Service';
  if (!['Service', 'NonInventory', 'Inventory', 'Category', 'Group'].includes(type)) throw faults.malformed(`Type ${type} is not a valid item type`, 'Type');
  const hierarchy = withParent(co, 'Item', input, name, existing);
  uniqueFqn(co, 'Item', hierarchy.FullyQualifiedName, existing, 'product or service');
  if ((type === 'Service' || type === 'NonInventory') && input.IncomeAccountRef === undefined) throw faults.requiredMissing('IncomeAccountRef');
  return {
    ...input,
    Name: name,
    Type: type,
    Active: input.Active ?? true,
    ...hierarchy,
    SubItem: hierarchy.ParentRef !== undefined,
    IncomeAccountRef: optionalRef(co, 'Account', input, 'IncomeAccountRef'),
    ExpenseAccountRef: optionalRef(co, 'Account', input, 'ExpenseAccountRef'),
    UnitPrice: input.UnitPrice ?? 0,
    Taxable: input.Taxable ?? false,
    TrackQtyOnHand: input.TrackQtyOnHand ?? false,
  };
}

function prepareClass(co: Company, input: Record<string, unknown>, existing?: Entity): Record<string, unknown> {
  const name = requireName(input);
  const hierarchy = withParent(co, 'Class', input, name, existing);
  uniqueFqn(co, 'Class', hierarchy.FullyQualifiedName, existing, 'class');
  const { Level: _level, ...rest } = hierarchy;
  return { ...input, Name: name, Active: input.Active ?? true, ...rest, SubClass: hierarchy.ParentRef !== undefined };
}

function prepareAccount(co: Company, input: Record<string, unknown>, existing?: Entity): Record<string, unknown> {
  const name = requireName(input);
  if (typeof input.AccountType !== 'string') throw faults.requiredMissing('AccountType');
  const hierarchy = withParent(co, 'Account', input, name, existing);
  uniqueFqn(co, 'Account', hierarchy.FullyQualifiedName, existing, 'account');
  const { Level: _level, ...rest } = hierarchy;
  return {
    ...input,
    Name: name,
    Active: input.Active ?? true,
    ...rest,
    SubAccount: hierarchy.ParentRef !== undefined,
    CurrentBalance: existing?.CurrentBalance ?? 0,
    CurrentBalanceWithSubAccounts: existing?.CurrentBalanceWithSubAccounts ?? 0,
    CurrencyRef: currencyOf(co, input, existing, 'account'),
  };
}

// ---- TimeActivity ---------------------------------------------------------------------

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function txnDate(co: Company, input: Record<string, unknown>): string {
  const value = input.TxnDate;
  if (value === undefined) return qboDate(co.now(), co.zone);
  if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value))) throw faults.malformed(`TxnDate ${String(value)} is not a valid date (yyyy-MM-dd)`, 'TxnDate');
  return value;
}

function wholeNumber(input: Record<string, unknown>, key: string, max: number): number | undefined {
  const v = input[key] as number | undefined;
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < 0 || v > max) throw faults.business(`${key} must be a whole number between 0 and ${max}.`, key);
  return v;
}


/**
 * The StartTime/EndTime form as real QBO keeps it (§13.2): each time is an instant, answered on the
 * company's clock with the offset in force then (08:00:00-08:00 sent in July reads back as
 * 09:00:00-07:00), and TxnDate becomes StartTime's date there. A time-only value falls on the
 * TxnDate sent (or the company's today); a value without an offset is read on the company's clock.
 */
function spanFields(co: Company, input: Record<string, unknown>): Record<string, unknown> {
  if (input.StartTime === undefined) throw faults.requiredMissing('StartTime');
  if (input.EndTime === undefined) throw faults.requiredMissing('EndTime');
  const day = txnDate(co, input);
  const start = qboInstant(input.StartTime, day, co.zone);
  const end = qboInstant(input.EndTime, day, co.zone);
  if (Number.isNaN(start)) throw faults.malformed(`StartTime ${String(input.StartTime)} is not a valid date-time`, 'StartTime');
  if (Number.isNaN(end)) throw faults.malformed(`EndTime ${String(input.EndTime)} is not a valid date-time`, 'EndTime');
  if (end <= start) throw faults.business('EndTime must be later than StartTime.', 'EndTime');
  const breakMs = ((wholeNumber(input, 'BreakHours', 23) ?? 0) * 60 + (wholeNumber(input, 'BreakMinutes', 59) ?? 0)) * 60_000;
  if (breakMs >= end - start) throw faults.business('The break is longer than the time worked.', 'BreakHours');
  return {
    TxnDate: qboDate(start, co.zone),
    StartTime: qboDateTime(start, false, co.zone),
    EndTime: qboDateTime(end, false, co.zone),
    BreakHours: input.BreakHours,
    BreakMinutes: input.BreakMinutes,
  };
}

const BILLABLE = ['Billable', 'NotBillable', 'HasBeenBilled'];

function prepareTimeActivity(co: Company, input: Record<string, unknown>, existing?: Entity): Record<string, unknown> {
  const nameOf = input.NameOf;
  if (nameOf === undefined) throw faults.requiredMissing('NameOf');
  if (nameOf !== 'Employee' && nameOf !== 'Vendor') throw faults.malformed(`NameOf ${String(nameOf)} is not one of Employee, Vendor`, 'NameOf');
  const personKey = nameOf === 'Employee' ? 'EmployeeRef' : 'VendorRef';
  const otherKey = nameOf === 'Employee' ? 'VendorRef' : 'EmployeeRef';
  if (input[personKey] === undefined) throw faults.requiredMissing(personKey);
  if (input[otherKey] !== undefined) throw faults.business(`NameOf is ${nameOf}, so ${otherKey} cannot be set.`, otherKey);
  refuseAbsentList(input, ['DepartmentRef', 'ProjectRef', 'PayrollItemRef']);
  const person = resolveRef(co, nameOf, input[personKey], personKey);

  const hasHours = input.Hours !== undefined || input.Minutes !== undefined;
  const hasSpan = input.StartTime !== undefined || input.EndTime !== undefined;
  if (hasHours && hasSpan) throw faults.business('Enter either Hours and Minutes or StartTime and EndTime, not both.', 'StartTime');
  if (!hasHours && !hasSpan) throw faults.requiredMissing('Hours');
  const duration: Record<string, unknown> = {};
  if (hasHours) {
    duration.Hours = wholeNumber(input, 'Hours', 8760) ?? 0;
    duration.Minutes = wholeNumber(input, 'Minutes', 59) ?? 0;
    const seconds = wholeNumber(input, 'Seconds', 59);
    if (seconds !== undefined) duration.Seconds = seconds;
  } else Object.assign(duration, spanFields(co, input));

  const status = (input.BillableStatus as string | undefined) ?? 'NotBillable';
  if (!BILLABLE.includes(status)) throw faults.malformed(`BillableStatus ${status} is not one of ${BILLABLE.join(', ')}`, 'BillableStatus');
  const wasBilled = existing?.BillableStatus === 'HasBeenBilled';
  // Only an invoice linking the activity may set HasBeenBilled, and only unlinking clears it.
  if (status === 'HasBeenBilled' && !wasBilled) throw faults.business('BillableStatus cannot be set to HasBeenBilled; link the time activity on an invoice instead.', 'BillableStatus');
  if (wasBilled && status !== 'HasBeenBilled') throw faults.business('This time activity has been billed; remove it from its invoice before changing its billable status.', 'BillableStatus');
  if (status !== 'NotBillable') {
    if (input.CustomerRef === undefined) throw faults.requiredMissing('CustomerRef');
    if (input.HourlyRate === undefined) throw faults.requiredMissing('HourlyRate');
  }
  if (input.HourlyRate !== undefined && (input.HourlyRate as number) < 0) throw faults.business('HourlyRate cannot be negative.', 'HourlyRate');

  const item = optionalRef(co, 'Item', input, 'ItemRef');
  if (item && co.get('Item', item.value)?.Type !== 'Service') throw faults.business('ItemRef must refer to a service item.', 'ItemRef');
  if (typeof input.Description === 'string' && input.Description.length > 4000) throw faults.business('Description cannot be longer than 4000 characters.', 'Description');

  return {
    TxnDate: txnDate(co, input),
    NameOf: nameOf,
    [personKey]: person,
    CustomerRef: optionalRef(co, 'Customer', input, 'CustomerRef'),
    ItemRef: item,
    ClassRef: optionalRef(co, 'Class', input, 'ClassRef'),
    BillableStatus: status,
    Taxable: input.Taxable ?? false,
    // Real QBO reads non-billable time back with `HourlyRate: 0`, not without the field (Intuit's
    // TimeActivity samples); Billable time always has a rate (checked above).
    HourlyRate: input.HourlyRate ?? 0,
    CostRate: input.CostRate,
    ...duration,
    Description: input.Description,
  };
}

// ---- Invoice --------------------------------------------------------------------------

/** An amount to the cent, as QuickBooks keeps Qty × UnitPrice and totals. */
export const round2 = (n: number) => Math.round(n * 100) / 100;

function prepareInvoice(co: Company, input: Record<string, unknown>, existing?: Entity): Prepared {
  if (input.CustomerRef === undefined) throw faults.requiredMissing('CustomerRef');
  const customerRef = resolveRef(co, 'Customer', input.CustomerRef, 'CustomerRef');
  const customer = co.get('Customer', customerRef.value) as Entity;
  if (!Array.isArray(input.Line) || input.Line.length === 0) throw faults.requiredMissing('Line');

  const { currency, rate } = invoiceCurrency(co, input, customer, existing);
  const { lines, total } = invoiceLines(co, input.Line as unknown[], customer, existing);
  const links = headerLinks(co, input, customer, lines, existing);
  const sales = lines.filter((l) => l.DetailType === 'SalesItemLineDetail') as Parameters<typeof invoiceTax>[3];
  const tax = invoiceTax(co, input, customer, sales, currency);
  lines.push({ Amount: total, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} });
  const totalMinor = BigInt(decimalToMinor(total, currency) ?? Math.round(total * 100)) + tax.totalMinor;
  const totalAmt = minorToDecimalNumber(Number(totalMinor), currency);
  const balance = balanceAfter(totalMinor, existing, currency);

  const txn = txnDate(co, input);
  const term = salesTerm(co, input, customer);
  if (typeof input.DocNumber === 'string' && input.DocNumber.length > 21) throw faults.business('DocNumber cannot be longer than 21 characters.', 'DocNumber');
  const email = (input.BillEmail as { Address?: string } | undefined) ?? (existing?.BillEmail as { Address?: string } | undefined) ?? (customer.PrimaryEmailAddr as { Address?: string } | undefined);
  const fields: Record<string, unknown> = {
    ...input,
    DocNumber: input.DocNumber ?? existing?.DocNumber ?? co.nextDocNumber(),
    TxnDate: txn,
    DueDate: input.DueDate ?? qboDate(Date.parse(`${txn}T12:00:00Z`) + ((term?.DueDays as number | undefined) ?? 30) * DAY_MS),
    SalesTermRef: term ? co.ref('Term', term.Id) : undefined,
    CustomerRef: customerRef,
    CurrencyRef: CURRENCIES[currency],
    ExchangeRate: rate,
    Line: lines,
    LinkedTxn: links,
    TxnTaxDetail: tax.detail,
    TotalAmt: totalAmt,
    Balance: balance,
    ...(co.multicurrency ? { HomeTotalAmt: round2(totalAmt * rate), HomeBalance: round2(balance * rate) } : {}),
    ClassRef: optionalRef(co, 'Class', input, 'ClassRef'),
    BillEmail: email?.Address ? { Address: email.Address } : undefined,
    EmailStatus: input.EmailStatus ?? existing?.EmailStatus ?? 'NotSet',
    // As recorded (QA create/invoice.yml): an invoice created without them reads back
    // PrintStatus NeedToPrint and the four Allow* payment flags false.
    PrintStatus: input.PrintStatus ?? existing?.PrintStatus ?? 'NeedToPrint',
    ...Object.fromEntries(ALLOW_PAYMENT.map((k) => [k, input[k] ?? existing?.[k] ?? false])),
    ApplyTaxAfterDiscount: false,
    ...(co.taxModel === 'codes' ? { GlobalTaxCalculation: input.GlobalTaxCalculation ?? 'TaxExcluded' } : {}),
  };
  refuseAbsentList(input, ['DepartmentRef']);
  return { fields };
}

/**
 * The invoice's own LinkedTxn: the Estimates a client links (progress billing), then those QuickBooks
 * keeps itself, one per ReimburseCharge its lines bill (as in recorded invoices) and one per Payment
 * applied to it. Payment and ReimburseCharge links a client sends back are ignored.
 */
function headerLinks(co: Company, input: Record<string, unknown>, customer: Entity, lines: Array<Record<string, unknown>>, existing?: Entity): LinkedTxn[] {
  const given = input.LinkedTxn ?? [];
  if (!Array.isArray(given)) throw faults.malformed('LinkedTxn must be an array', 'LinkedTxn');
  const estimates: LinkedTxn[] = [];
  for (const link of given as Array<LinkedTxn | null>) {
    const type = link?.TxnType;
    if (type === 'TimeActivity') throw faults.business('Link time activities on the invoice lines (Line.LinkedTxn), not on the invoice.', 'LinkedTxn');
    if (type === 'Payment' || type === 'ReimburseCharge') continue;
    if (type !== 'Estimate') throw faults.business(`An invoice can be linked to an Estimate here, not to ${String(type)}.`, 'LinkedTxn');
    const id = String(link?.TxnId);
    const estimate = co.get('Estimate', id);
    if (!estimate) throw faults.invalidReference('LinkedTxn');
    const estimateCustomer = co.get('Customer', (estimate.CustomerRef as Ref).value) as Entity;
    if (!belongsTo(co, estimateCustomer.Id, customer) && !belongsTo(co, customer.Id, estimateCustomer)) throw faults.business(`Estimate ${id} is for a different customer.`, 'LinkedTxn');
    if (!estimates.some((e) => e.TxnId === id)) estimates.push({ TxnId: id, TxnType: 'Estimate' });
  }
  const charges = [...new Set(lines.flatMap((l) => ((l.LinkedTxn as LinkedTxn[] | undefined) ?? []).filter((t) => t.TxnType === 'ReimburseCharge').map((t) => t.TxnId)))];
  const payments = ((existing?.LinkedTxn as LinkedTxn[] | undefined) ?? []).filter((t) => t.TxnType === 'Payment');
  return [...estimates, ...charges.map((TxnId) => ({ TxnId, TxnType: 'ReimburseCharge' })), ...payments];
}

const ESTIMATE_STATUSES = ['Pending', 'Accepted', 'Closed', 'Rejected'];

/** Lines of an estimate or a recurring template bill nothing: a link on them is refused. */
function refuseLineLinks(input: Record<string, unknown>, what: string): void {
  const lines = Array.isArray(input.Line) ? (input.Line as Array<{ LinkedTxn?: unknown } | null>) : [];
  if (lines.some((l) => Array.isArray(l?.LinkedTxn) && l.LinkedTxn.length > 0)) throw faults.business(`${what} lines cannot be linked to other transactions.`, 'LinkedTxn');
}

/**
 * An Estimate: an invoice's lines, tax and totals without a balance or payment options; numbered on its
 * own from 1001; TxnStatus Pending unless sent. Its LinkedTxn (the invoices made from it) is kept by QuickBooks.
 */
function prepareEstimate(co: Company, input: Record<string, unknown>, existing?: Entity): Record<string, unknown> {
  const status = input.TxnStatus ?? existing?.TxnStatus ?? 'Pending';
  if (!ESTIMATE_STATUSES.includes(String(status))) throw faults.malformed(`TxnStatus ${String(status)} is not one of ${ESTIMATE_STATUSES.join(', ')}`, 'TxnStatus');
  refuseLineLinks(input, 'Estimate');
  const numbers = co.each('Estimate').map((e) => Number(e.DocNumber)).filter(Number.isFinite);
  const docNumber = input.DocNumber ?? existing?.DocNumber ?? String(Math.max(1000, ...numbers) + 1);
  // Estimates have no balance: read as an invoice nothing was paid on.
  const asInvoice = existing ? { ...existing, Balance: existing.TotalAmt } : undefined;
  const { fields } = prepareInvoice(co, { ...input, DocNumber: docNumber, LinkedTxn: [] }, asInvoice);
  const { Balance: _balance, HomeBalance: _home, DueDate: _due, ...rest } = fields;
  for (const key of ALLOW_PAYMENT) delete rest[key];
  return { ...rest, TxnStatus: status, LinkedTxn: existing?.LinkedTxn ?? [] };
}

/** A recurring invoice template: an invoice's lines, tax and totals, without date, number or balance. */
export function prepareInvoiceTemplate(co: Company, input: Record<string, unknown>): Record<string, unknown> {
  refuseLineLinks(input, 'Recurring template');
  const { fields } = prepareInvoice(co, { ...input, DocNumber: 'template', LinkedTxn: [] });
  const { DocNumber: _n, TxnDate: _t, DueDate: _d, Balance: _b, HomeBalance: _h, LinkedTxn: _l, ...rest } = fields;
  return rest;
}

/** The lines as QBO keeps them (ids kept or given, LineNum), their sum, and the time they bill; no subtotal yet. */
function invoiceLines(co: Company, given: unknown[], customer: Entity, existing?: Entity) {
  const previous = new Map(((existing?.Line as Array<Record<string, unknown>> | undefined) ?? []).map((l) => [String(l.Id), l]));
  let nextLineId = Math.max(0, ...[...previous.keys()].map(Number).filter(Number.isFinite)) + 1;
  const lines: Array<Record<string, unknown>> = [];
  let total = 0;
  for (const raw of given) {
    if (typeof raw !== 'object' || raw === null) throw faults.malformed('Line must be an array of objects', 'Line');
    const line = raw as Record<string, unknown>;
    if (line.DetailType === 'SubTotalLineDetail') continue; // recomputed below, as QBO does
    if (line.DetailType === undefined) throw faults.requiredMissing('DetailType');
    const id = line.Id !== undefined && previous.has(String(line.Id)) ? String(line.Id) : String(nextLineId++);
    const out: Record<string, unknown> = { Id: id, LineNum: lines.length + 1, Description: line.Description, DetailType: line.DetailType };
    if (line.DetailType === 'DescriptionOnly') {
      out.DescriptionLineDetail = line.DescriptionLineDetail ?? {};
      out.Amount = 0;
    } else if (line.DetailType === 'SalesItemLineDetail') {
      const sale = salesLine(co, line, customer);
      out.Amount = round2(sale.amount);
      out.SalesItemLineDetail = sale.detail;
      total += sale.amount;
    } else {
      throw faults.malformed(`DetailType ${String(line.DetailType)} is not supported on an invoice`, 'DetailType');
    }
    const links = (line.LinkedTxn as LinkedTxn[] | undefined) ?? [];
    if (!Array.isArray(links)) throw faults.malformed('LinkedTxn must be an array', 'LinkedTxn');
    for (const link of links) checkLineLink(co, link, String(line.DetailType), customer, existing);
    if (links.length) out.LinkedTxn = links.map((l) => ({ TxnId: String(l.TxnId), TxnType: l.TxnType }));
    lines.push(out);
  }
  if (lines.length === 0) throw faults.requiredMissing('Line');
  return { lines, total: round2(total) };
}

/** The invoice's currency (the customer's; required on create in a multicurrency company) and its rate to home. */
function invoiceCurrency(co: Company, input: Record<string, unknown>, customer: Entity, existing?: Entity): { currency: string; rate: number } {
  const customerCurrency = (customer.CurrencyRef as Ref).value;
  if (co.multicurrency && input.CurrencyRef === undefined && !existing) throw faults.requiredMissing('CurrencyRef');
  const currency = (input.CurrencyRef as Ref | undefined)?.value ?? (existing?.CurrencyRef as Ref | undefined)?.value ?? customerCurrency;
  if (!CURRENCIES[currency]) throw faults.invalidReference('CurrencyRef');
  if (currency !== 'USD' && !co.multicurrency) throw faults.business('Multicurrency is not enabled for this company.', 'CurrencyRef');
  if (currency !== customerCurrency) throw faults.business("The transaction currency must match the customer's currency.", 'CurrencyRef');
  return { currency, rate: (input.ExchangeRate as number | undefined) ?? SAMPLE_RATES[currency] ?? 1 };
}

/** A SalesItemLineDetail line as QBO keeps it: a sellable item, Qty × UnitPrice = Amount, the line's tax code. */
function salesLine(co: Company, line: Record<string, unknown>, customer: Entity): { amount: number; detail: Record<string, unknown> } {
  const given = line.SalesItemLineDetail as Record<string, unknown> | undefined;
  if (typeof given !== 'object' || given === null) throw faults.requiredMissing('SalesItemLineDetail');
  // A copy: on a sparse update the lines are the stored invoice's own objects.
  const detail = { ...given };
  if (line.Amount === undefined) throw faults.requiredMissing('Amount');
  const amount = Number(line.Amount);
  if (!Number.isFinite(amount)) throw faults.malformed('Amount must be a number', 'Amount');
  if (detail.ItemRef === undefined) throw faults.requiredMissing('ItemRef');
  for (const key of ['ItemRef', 'TaxCodeRef', 'ClassRef']) if (detail[key] !== undefined) detail[key] = coerce(key, detail[key]);
  const item = resolveRef(co, 'Item', detail.ItemRef, 'ItemRef');
  const stored = co.get('Item', item.value) as Entity;
  if (stored.Type === 'Category') throw faults.business('A category cannot be sold on an invoice line.', 'ItemRef');
  // UNCONFIRMED wording: no recorded QBO answer for an item without an income account was found.
  if (stored.IncomeAccountRef === undefined) throw faults.business(`The product or service "${item.name ?? item.value}" has no income account; give it one before selling it.`, 'ItemRef');
  const qty = detail.Qty === undefined ? undefined : Number(detail.Qty);
  const unitPrice = detail.UnitPrice === undefined ? undefined : Number(detail.UnitPrice);
  // QBO accepts Qty 0 with any Amount: Qty 0, UnitPrice 0, Amount 100 is kept as 100 (qbo-api.md §13.8).
  if (qty !== undefined && qty !== 0 && unitPrice !== undefined && round2(qty * unitPrice) !== round2(amount)) throw faults.amountMismatch(amount);
  return {
    amount,
    detail: {
      ItemRef: item,
      ...(qty !== undefined ? { Qty: qty } : {}),
      ...(unitPrice !== undefined ? { UnitPrice: unitPrice } : {}),
      TaxCodeRef: lineTaxCode(co, detail.TaxCodeRef as Ref | undefined, stored, customer),
      ...(detail.ClassRef !== undefined ? { ClassRef: resolveRef(co, 'Class', detail.ClassRef, 'ClassRef') } : {}),
      ...(detail.ServiceDate !== undefined ? { ServiceDate: detail.ServiceDate } : {}),
    },
  };
}

/** The invoice's terms: its own SalesTermRef, else the customer's, else the company's default terms. */
function salesTerm(co: Company, input: Record<string, unknown>, customer: Entity): Entity | undefined {
  if (input.SalesTermRef !== undefined) return co.get('Term', resolveRef(co, 'Term', input.SalesTermRef, 'SalesTermRef').value);
  const fallback = (customer.SalesTermRef as Ref | undefined) ?? ((co.get('Preferences', '1')?.SalesFormsPrefs as { DefaultTerms?: Ref } | undefined)?.DefaultTerms);
  return fallback ? co.get('Term', fallback.value) : undefined;
}

/**
 * What is still owed: the new total less what was paid before (a bookkeeper's payments, see
 * control.ts). An update that would leave the customer owed money is refused.
 */
function balanceAfter(totalMinor: bigint, existing: Entity | undefined, currency: string): number {
  const minor = (n: unknown) => BigInt(decimalToMinor(Number(n ?? 0), currency) ?? 0);
  const paid = existing ? minor(existing.TotalAmt) - minor(existing.Balance) : 0n;
  if (paid > totalMinor) throw faults.business('Payments already received are more than the new total; remove a payment first.', 'Line');
  return minorToDecimalNumber(Number(totalMinor - paid), currency);
}

/** A line bills time, or (on a sales line) a billable expense; nothing else. */
function checkLineLink(co: Company, link: LinkedTxn | null, detailType: string, customer: Entity, existing?: Entity): void {
  const id = String(link?.TxnId);
  if (link?.TxnType === 'TimeActivity') return checkBillableTime(co, id, customer, existing);
  if (link?.TxnType === 'ReimburseCharge' && detailType === 'SalesItemLineDetail') return checkCharge(co, id, customer, existing);
  throw faults.business(`Invoice lines can be linked to TimeActivity, or to ReimburseCharge on a sales line, not to ${String(link?.TxnType)}.`, 'LinkedTxn');
}

/** Whether customer `id` is `top` or one of its sub-customers. */
function belongsTo(co: Company, id: string, top: Entity): boolean {
  let c: Entity | undefined = co.get('Customer', id);
  while (c && c.Id !== top.Id) c = c.ParentRef ? co.get('Customer', (c.ParentRef as Ref).value) : undefined;
  return c !== undefined;
}

function checkBillableTime(co: Company, id: string, customer: Entity, existing?: Entity): void {
  const time = co.get('TimeActivity', id);
  if (!time) throw faults.invalidReference('LinkedTxn');
  if (existing && linkedOfType(existing, 'TimeActivity').includes(id)) return;
  if (time.BillableStatus === 'HasBeenBilled') throw faults.business(`Time activity ${id} has already been billed.`, 'LinkedTxn');
  if (time.BillableStatus !== 'Billable') throw faults.business(`Time activity ${id} is not billable.`, 'LinkedTxn');
  // The activity's customer must be the invoice's customer or one of its sub-customers.
  if (!belongsTo(co, (time.CustomerRef as Ref).value, customer)) throw faults.business(`Time activity ${id} belongs to a different customer.`, 'LinkedTxn');
}

/** A billable expense (ReimburseCharge) of the invoice's customer (or a sub-customer) not yet on another invoice. */
function checkCharge(co: Company, id: string, customer: Entity, existing?: Entity): void {
  const charge = co.get('ReimburseCharge', id);
  if (!charge) throw faults.invalidReference('LinkedTxn');
  if (existing && linkedOfType(existing, 'ReimburseCharge').includes(id)) return;
  if (charge.HasBeenInvoiced === true) {
    const other = co.each('Invoice').find((i) => linkedOfType(i, 'ReimburseCharge').includes(id));
    throw faults.business(`The billable expense ${id} is already on invoice ${String(other?.DocNumber ?? '')}; an expense can be invoiced once.`, 'LinkedTxn');
  }
  if (!belongsTo(co, (charge.CustomerRef as Ref).value, customer)) throw faults.business(`The billable expense ${id} belongs to a different customer.`, 'LinkedTxn');
}

// ---- rules across transactions --------------------------------------------------------------

/**
 * The closing date (Preferences.AccountingInfoPrefs.BookCloseDate): QBO refuses, through the API,
 * any create, update or delete of a transaction dated on or before it, and any move into or out of
 * the closed period. The API has no override: Intuit's error list says closed books "cannot be
 * updated through the QBO Services API", whatever the closing-date password allows in the website.
 */
export function checkOpenPeriod(co: Company, dates: ReadonlyArray<unknown>): void {
  const prefs = co.get('Preferences', '1')?.AccountingInfoPrefs as { BookCloseDate?: string } | undefined;
  const closed = prefs?.BookCloseDate;
  if (closed && dates.some((d) => typeof d === 'string' && d <= closed)) throw faults.periodClosed();
}

/** A DocNumber used by another transaction of the same type is refused (6140) unless the request allows it. */
export function checkDocNumberUnique(co: Company, type: EntityType, docNumber: unknown, self?: Entity): void {
  if (typeof docNumber !== 'string' || docNumber === '') return;
  const other = co.each(type).find((e) => e.Id !== self?.Id && e.DocNumber === docNumber);
  if (other) throw faults.duplicateDocNumber(docNumber, type, other.Id);
}

/** Ids of the transactions of one type (TimeActivity, ReimburseCharge) an invoice's lines bill. */
export function linkedOfType(invoice: Entity, type: string): string[] {
  return ((invoice.Line as Array<{ LinkedTxn?: LinkedTxn[] }> | undefined) ?? []).flatMap((l) => (l.LinkedTxn ?? []).filter((t) => t.TxnType === type).map((t) => t.TxnId));
}
