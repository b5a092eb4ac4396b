// Imports the QuickBooks company into the local mirror: company info and preferences into qboState,
// customers (with FullyQualifiedName, ParentRef, Active, e-mail, terms and tax), items (with tax and
// income account), employees, vendors and classes into qboEntities, inactive ones included (a
// name-list query returns only active rows unless the WHERE mentions Active). Later refreshes use
// CDC (30-day window); older than that, a full import. Payment terms and sales tax codes (with their
// rates' percent) are read whole every time: short lists, and CDC does not cover tax codes. The chart
// of accounts (expense categories and payment accounts map to it) is kept whole in qboState: read
// whole the first time, then changed by CDC like the name lists.
import { exactDecimal } from '../../../../../shared/qbo/decimal';
import type { QboAccount, QboTaxCode, QboTaxRate, QboTerm } from '../../../../../shared/qbo/types';
import type { Repos } from '../../../db/repos';
import type { QboEntityKind } from '../../../db/schema';
import type { MirrorAccount, MirrorTaxCode, MirrorTerm, NewQboEntity } from '../store/mirror-repo';
import { QboPortError, type Entity, type QboEntityName, type QboPort } from './qbo-port';

const ENTITIES: ReadonlyArray<[QboEntityKind, QboEntityName]> = [
  ['customer', 'Customer'],
  ['item', 'Item'],
  ['employee', 'Employee'],
  ['vendor', 'Vendor'],
  ['class', 'Class'],
];
const CDC_WINDOW_MS = 29 * 24 * 60 * 60 * 1000;
const CDC_OVERLAP_MS = 5 * 60 * 1000;

const ref = (v: unknown): string | null => (v && typeof v === 'object' && 'value' in v ? String((v as { value: unknown }).value) : null);

function mirrorRow(kind: QboEntityKind, e: Entity): NewQboEntity {
  const name = String(e['DisplayName'] ?? e['Name'] ?? e['Id']);
  const fqn = e['FullyQualifiedName'] !== undefined ? String(e['FullyQualifiedName']) : undefined;
  const subtype = kind === 'item' ? (e['Type'] !== undefined ? String(e['Type']) : undefined) : kind === 'vendor' && e['Vendor1099'] === true ? '1099' : undefined;
  const currency = ref(e['CurrencyRef']);
  return {
    kind,
    id: String(e['Id']),
    name,
    ...(fqn !== undefined ? { fullyQualifiedName: fqn } : {}),
    parentId: ref(e['ParentRef']),
    active: e['Active'] !== false,
    ...(subtype !== undefined ? { subtype } : {}),
    ...(currency ? { currency } : {}),
    ...(e['SyncToken'] !== undefined ? { syncToken: String(e['SyncToken']) } : {}),
    ...invoicingFields(kind, e),
  };
}

/** What invoicing reads of customers (e-mail, terms, tax) and items (tax, income account). */
function invoicingFields(kind: QboEntityKind, e: Entity): Partial<NewQboEntity> {
  if (kind !== 'customer' && kind !== 'item') return {};
  const taxable = typeof e['Taxable'] === 'boolean' ? { taxable: e['Taxable'] } : {};
  const taxCodeId = ref(kind === 'customer' ? e['DefaultTaxCodeRef'] : e['SalesTaxCodeRef']);
  const withTax = { ...taxable, ...(taxCodeId ? { taxCodeId } : {}) };
  if (kind === 'item') {
    const incomeAccountId = ref(e['IncomeAccountRef']);
    return { ...withTax, ...(incomeAccountId ? { incomeAccountId } : {}) };
  }
  const email = (e['PrimaryEmailAddr'] as { Address?: unknown } | undefined)?.Address;
  const termId = ref(e['SalesTermRef']);
  return { ...withTax, ...(typeof email === 'string' && email ? { email } : {}), ...(termId ? { termId } : {}) };
}

export interface ImportResult {
  mode: 'full' | 'cdc';
  counts: Record<QboEntityKind, number>;
  companyName: string | null;
  /** Lists QuickBooks would not give (a plan without sales tax or terms), in words; the rest was imported. */
  notes: string[];
}

/** Imports the port's company into that company's mirror. */
export async function importMirror(deps: { repos: Pick<Repos, 'mirrorOf'>; port: QboPort; now?: () => number; forceFull?: boolean }): Promise<ImportResult> {
  const now = deps.now ?? Date.now;
  const { repos, port } = deps;
  const mirror = repos.mirrorOf(port.companyId);
  const startedAt = now();
  const { companyInfo, preferences } = await port.company();
  await mirror.setState('company', companyInfo);
  await mirror.setState('preferences', preferences);
  const counts = { customer: 0, item: 0, employee: 0, vendor: 0, class: 0 } as Record<QboEntityKind, number>;
  const last = await mirror.getState<number>('mirrorImportedAt');
  const useCdc = !deps.forceFull && last !== undefined && startedAt - last < CDC_WINDOW_MS;
  let accountChanges: Entity[] | null = null;
  if (useCdc) {
    // QBO's times have whole seconds and our clock is not Intuit's: look back a few minutes more
    // than needed (upserts are idempotent, so an overlap costs nothing).
    const accountsKnown = (await mirror.accounts()) !== undefined;
    const changes = await port.changes(
      [...ENTITIES.map(([, name]) => name), ...(accountsKnown ? ['Account'] : [])],
      new Date(last - CDC_OVERLAP_MS).toISOString(),
    );
    accountChanges = accountsKnown ? (changes['Account'] ?? []) : null;
    const rows: NewQboEntity[] = [];
    const gone: Array<[QboEntityKind, string]> = [];
    for (const [kind, name] of ENTITIES) {
      for (const e of changes[name] ?? []) {
        counts[kind]++;
        if (e['status'] === 'Deleted') gone.push([kind, String(e['Id'])]);
        else rows.push(mirrorRow(kind, e));
      }
    }
    await mirror.putEntities(rows);
    if (gone.length) await mirror.removeEntities(gone);
  } else {
    const rows: NewQboEntity[] = [];
    for (const [kind, name] of ENTITIES) {
      const list = await port.queryAll(name, 'Active IN (true, false)');
      counts[kind] = list.length;
      rows.push(...list.map((e) => mirrorRow(kind, { ...e })));
    }
    await mirror.putEntities(rows, { replaceKinds: ENTITIES.map(([k]) => k) });
  }
  const notes = [...(await importTermsAndTaxCodes(port, mirror)), ...(await importAccounts(port, mirror, accountChanges))];
  await mirror.setState('mirrorImportedAt', startedAt);
  return { mode: useCdc ? 'cdc' : 'full', counts, companyName: companyInfo['CompanyName'] ? String(companyInfo['CompanyName']) : null, notes };
}

type Mirror = ReturnType<Repos['mirrorOf']>;

/**
 * Payment terms and sales tax codes into the mirror's state. A list QuickBooks refuses (a fault:
 * the plan has no sales tax or no terms) is left as it was and named in the notes; losing the
 * connection still stops the import.
 */
async function importTermsAndTaxCodes(port: QboPort, mirror: Mirror): Promise<string[]> {
  const notes: string[] = [];
  const terms = await refusedAsNull(() => port.queryAll('Term', 'Active IN (true, false)'));
  if (terms) await mirror.setState('terms', terms.map(mirrorTerm));
  else notes.push('Payment terms could not be read from QuickBooks; invoices get the due date you enter.');
  const codes = await refusedAsNull(() => port.queryAll('TaxCode', 'Active IN (true, false)'));
  if (!codes) {
    notes.push('Sales tax codes could not be read from QuickBooks; invoices are previewed without tax.');
    return notes;
  }
  const rates = codes.some((c) => taxRateIds(c).length > 0) ? await refusedAsNull(() => port.queryAll('TaxRate')) : [];
  if (!rates) notes.push('Sales tax rates could not be read from QuickBooks; tax codes are kept without their percent.');
  await mirror.setState('taxCodes', codes.map((c) => mirrorTaxCode(c, rates ?? [])));
  return notes;
}

/** The chart of accounts: CDC's changes merged into the stored list, or (`changes` null) read whole. */
async function importAccounts(port: QboPort, mirror: Mirror, changes: Entity[] | null): Promise<string[]> {
  if (changes) {
    const byId = new Map(((await mirror.accounts()) ?? []).map((a) => [a.id, a]));
    for (const e of changes) {
      if (e['status'] === 'Deleted') byId.delete(String(e['Id']));
      else byId.set(String(e['Id']), mirrorAccount(e as unknown as QboAccount));
    }
    await mirror.setState('accounts', [...byId.values()]);
    return [];
  }
  const accounts = await refusedAsNull(() => port.queryAll('Account', 'Active IN (true, false)'));
  if (!accounts) return ['The chart of accounts could not be read from QuickBooks; expense categories cannot be mapped yet.'];
  await mirror.setState('accounts', accounts.map(mirrorAccount));
  return [];
}

function mirrorAccount(a: QboAccount): MirrorAccount {
  const name = String(a.Name ?? a.Id);
  return { id: String(a.Id), name, fullyQualifiedName: a.FullyQualifiedName ?? name, type: String(a.AccountType ?? ''), active: a.Active !== false, currency: a.CurrencyRef?.value ?? null };
}

/** The answer, or null when QuickBooks refused with a fault (auth and network failures still throw). */
async function refusedAsNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof QboPortError && error.kind === 'remote') return null;
    throw error;
  }
}

function mirrorTerm(t: QboTerm): MirrorTerm {
  return { id: t.Id, name: t.Name, active: t.Active !== false, dueDays: typeof t.DueDays === 'number' ? t.DueDays : null };
}

const taxRateIds = (c: QboTaxCode) => (c.SalesTaxRateList?.TaxRateDetail ?? []).map((d) => d.TaxRateRef.value);

/**
 * A code's percent is the sum of its rates' (a combined code charges each); null when a rate is
 * unknown, or when a taxable code has no rates of its own (the US pseudo code TAX: the rate is the
 * customer's code's).
 */
function mirrorTaxCode(c: QboTaxCode, rates: readonly QboTaxRate[]): MirrorTaxCode {
  const values = taxRateIds(c).map((id) => rates.find((r) => r.Id === id)?.RateValue);
  const known = values.every((v): v is number => typeof v === 'number') && (values.length > 0 || c.Taxable !== true);
  return { id: c.Id, name: c.Name, active: c.Active !== false, percent: known ? sumDecimals(values) : null };
}

/** Exact decimal sum as a plain decimal string ("8.25"); "0" for none. */
function sumDecimals(values: readonly number[]): string {
  const parts = values.map(exactDecimal);
  const scale = Math.max(0, ...parts.map((p) => p.scale));
  const units = parts.reduce((sum, p) => sum + p.units * 10n ** BigInt(scale - p.scale), 0n);
  const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`.replace(/\.?0+$/, '');
  return units < 0n ? `-${text}` : text;
}
