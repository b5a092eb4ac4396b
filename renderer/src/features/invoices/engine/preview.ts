// From the unbilled time of the chosen customers to the invoices they would make: which invoices
// (per client or per project, by each client's layout), what each is built from (customer, items,
// terms, tax and exchange rate from the QuickBooks mirror and QuickBooks itself), the builder's lines
// and totals, and pre-flight in bookkeeper words. Nothing is written.
import { buildInvoice } from '../../../../../shared/invoice/build';
import type { BillableExpense, BillableTime, InvoiceCustomer, InvoiceHeader, InvoiceInput, InvoiceItem, InvoiceLayout, TaxSetup } from '../../../../../shared/invoice/types';
import type { MultiplierRules } from '../../../../../shared/rates/multipliers';
import { addLocalDays, type LocalDate } from '../../../../../shared/time/local-date';
import type { QboEntityRow } from '../../../db/schema';
import type { QboPort } from '../../quickbooks/engine/qbo-port';
import type { QboMirrorRepo } from '../../quickbooks/store/mirror-repo';
import type { SyncContext } from '../../quickbooks/store/sync-context';
import { groupBy } from '../../../../../shared/group-by';
import { rootsOf } from '../store/billable-time';
import type { InvoiceLayoutSettings, InvoiceOverrides, InvoicePreflightIssue, InvoicePreview } from '../invoice-service';
import { billedInQuickBooks, preflightInvoice } from './preflight';

export interface PreviewDeps {
  sc: SyncContext;
  mirror: QboMirrorRepo;
  port: QboPort;
  layouts: InvoiceLayoutSettings;
  multipliers: MultiplierRules;
  today: LocalDate;
  /** The app's client whose projects go to a QuickBooks customer (for a customer with only expenses). */
  clientOfCustomer: (customerId: string) => string | null;
}

function layoutFor(clientId: string | null, layouts: InvoiceLayoutSettings, override?: Partial<InvoiceLayout>): InvoiceLayout {
  return { ...((clientId && layouts.byClient[clientId]) || layouts.defaultLayout), ...override };
}

/** Invoices per customer: one, or one per project when the client's layout says so; expenses go on the customer's first. */
function groupsOf(pieces: readonly BillableTime[], expenses: readonly BillableExpense[], customerIds: readonly string[], deps: PreviewDeps, overrides: Readonly<Record<string, InvoiceOverrides>>): PreviewSpec[] {
  const groups: PreviewSpec[] = [];
  const root = rootsOf(deps.sc);
  const byRoot = groupBy(pieces, (p) => root(p.customerId));
  const costs = groupBy(expenses, (e) => root(e.customerId));
  for (const customerId of customerIds) {
    const own = byRoot.get(customerId) ?? [];
    const spent = costs.get(customerId) ?? [];
    if (own.length === 0 && spent.length === 0) continue;
    const clientId = own[0]?.clientId ?? deps.clientOfCustomer(customerId);
    // The grouping decides the preview ids, so a layout chosen for the customer applies first.
    const layout = layoutFor(clientId, deps.layouts, overrides[customerId]?.layout);
    if (layout.grouping === 'perClient' || own.length === 0) {
      groups.push({ previewId: customerId, customerId, clientId, layout, time: own, expenses: spent });
      continue;
    }
    for (const [i, projectId] of [...new Set(own.map((p) => p.projectId))].entries()) {
      const time = own.filter((p) => p.projectId === projectId);
      const jobs = new Set(time.map((p) => p.customerId));
      const previewId = `${customerId}:${projectId}`;
      const mine = spent.filter((e) => e.projectId === projectId || (i === 0 && !own.some((p) => p.projectId === e.projectId)));
      groups.push({ previewId, customerId: jobs.size === 1 ? time[0]!.customerId : customerId, clientId, layout: { ...layout, ...overrides[previewId]?.layout }, time, expenses: mine });
    }
  }
  return groups;
}

function customerOf(row: QboEntityRow | undefined, id: string, homeCurrency: string): InvoiceCustomer {
  return {
    id,
    name: row?.fullyQualifiedName ?? row?.name ?? `Customer ${id}`,
    currency: row?.currency ?? homeCurrency,
    active: row?.active ?? false,
    taxable: row?.taxable ?? true,
    taxCodeId: row?.taxCodeId ?? null,
    email: row?.email ?? null,
    termId: row?.termId ?? null,
  };
}

function itemsOf(rows: readonly QboEntityRow[]): Map<string, InvoiceItem> {
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.fullyQualifiedName ?? r.name, active: r.active, taxable: r.taxable ?? false, incomeAccountId: r.incomeAccountId ?? null, taxCodeId: r.taxCodeId ?? null }]));
}

/** US companies put TAX/NON on lines; elsewhere lines carry real codes; no sales tax in use: none. */
async function taxSetupOf(deps: PreviewDeps): Promise<TaxSetup> {
  const prefs = deps.sc.prefs as { TaxPrefs?: { UsingSalesTax?: boolean } };
  if (prefs.TaxPrefs?.UsingSalesTax !== true) return { mode: 'none', codes: [] };
  const company = await deps.mirror.getState<{ Country?: string }>('company');
  const codes = (await deps.mirror.taxCodes()).filter((c) => c.active && c.percent !== null).map((c) => ({ id: c.id, name: c.name, percent: c.percent! }));
  return { mode: (company?.Country ?? 'US') === 'US' ? 'us' : 'codes', codes };
}

/** The header QuickBooks would fill: today, the customer's terms (else the company's default), its billing e-mail. */
function headerFor(customer: InvoiceCustomer, terms: ReadonlyArray<{ id: string; dueDays: number | null }>, deps: PreviewDeps, override?: Partial<InvoiceHeader>): InvoiceHeader {
  const prefs = deps.sc.prefs as { SalesFormsPrefs?: { DefaultTerms?: { value?: string } } };
  const termId = override?.termId !== undefined ? override.termId : (customer.termId ?? prefs.SalesFormsPrefs?.DefaultTerms?.value ?? null);
  const txnDate = override?.txnDate ?? deps.today;
  const dueDays = terms.find((t) => t.id === termId)?.dueDays;
  const dueDate = override?.dueDate !== undefined ? override.dueDate : dueDays != null ? addLocalDays(txnDate, dueDays) : null;
  return { txnDate, dueDate, termId, memo: override?.memo ?? '', message: override?.message ?? '', billEmail: override?.billEmail !== undefined ? override.billEmail : customer.email, docNumber: override?.docNumber ?? null };
}

/** QuickBooks' rate for the customer's currency on the invoice date, or null (pre-flight says why). */
async function exchangeRateFor(customer: InvoiceCustomer, home: string, date: LocalDate, port: QboPort): Promise<InvoiceInput['exchangeRate']> {
  if (customer.currency === home) return null;
  try {
    const { rate, asOf } = await port.exchangeRate(customer.currency, date);
    return { sourceCurrency: customer.currency, targetCurrency: home, rate, asOf };
  } catch {
    return null;
  }
}

/** What every preview of one run reads once: QuickBooks' customers, items, terms and tax setup. */
export interface PreviewBasis {
  customers: QboEntityRow[];
  items: Map<string, InvoiceItem>;
  terms: Awaited<ReturnType<QboMirrorRepo['terms']>>;
  tax: TaxSetup;
  /** TimeActivities QuickBooks already billed (null: it could not be asked). */
  billed: Set<string> | null;
}

export async function previewBasis(deps: PreviewDeps, time: readonly BillableTime[]): Promise<PreviewBasis> {
  const [customers, itemRows, terms, tax, billed] = await Promise.all([
    deps.mirror.list('customer', { includeInactive: true }),
    deps.mirror.list('item', { includeInactive: true }),
    deps.mirror.terms(),
    taxSetupOf(deps),
    billedInQuickBooks(time, deps.port),
  ]);
  return { customers, items: itemsOf(itemRows), terms, tax, billed };
}

/** One invoice to preview: whose, what it bills, and the layout in force. */
export interface PreviewSpec {
  previewId: string;
  customerId: string;
  clientId: string | null;
  layout: InvoiceLayout;
  time: BillableTime[];
  charges?: InvoiceInput['charges'];
  expenses?: InvoiceInput['expenses'];
  estimateId?: string;
}

/** One preview: the builder's input and draft, and pre-flight. */
export async function previewOf(spec: PreviewSpec, basis: PreviewBasis, deps: PreviewDeps, overrides: Readonly<Record<string, InvoiceOverrides>>): Promise<InvoicePreview> {
  const home = deps.sc.transform.currency;
  const customer = customerOf(basis.customers.find((c) => c.id === spec.customerId), spec.customerId, home);
  const header = headerFor(customer, basis.terms, deps, overrides[spec.previewId]?.header);
  const input: InvoiceInput = {
    customer,
    time: spec.time,
    ...(spec.charges?.length ? { charges: spec.charges } : {}),
    ...(spec.expenses?.length ? { expenses: spec.expenses } : {}),
    ...(spec.estimateId ? { estimateId: spec.estimateId } : {}),
    layout: spec.layout,
    multipliers: deps.multipliers,
    homeCurrency: home,
    exchangeRate: await exchangeRateFor(customer, home, header.txnDate, deps.port),
    tax: basis.tax,
    items: basis.items,
    header,
  };
  const issues: InvoicePreflightIssue[] = preflightInvoice(input, deps.sc, basis.billed);
  const draft = draftOf(input, issues);
  const terms = basis.terms.filter((t) => t.active).map(({ id, name, dueDays }) => ({ id, name, dueDays }));
  return { previewId: spec.previewId, customerName: customer.name, clientId: spec.clientId, input, draft, issues, terms };
}

/** The previews for the chosen customers' unbilled hourly time and billable expenses. */
export async function previewInvoices(pieces: readonly BillableTime[], expenses: readonly BillableExpense[], customerIds: readonly string[], deps: PreviewDeps, overrides: Readonly<Record<string, InvoiceOverrides>> = {}): Promise<InvoicePreview[]> {
  const groups = groupsOf(pieces, expenses, customerIds, deps, overrides);
  const basis = await previewBasis(deps, groups.flatMap((g) => g.time));
  const previews: InvoicePreview[] = [];
  for (const group of groups) previews.push(await previewOf(group, basis, deps, overrides));
  return previews;
}

/**
 * The builder's draft; for an invoice it cannot build (a missing exchange rate, an item or tax code
 * QuickBooks does not have) an empty one, with why among the blocking issues, so the other
 * invoices of the preview still show.
 */
function draftOf(input: InvoiceInput, issues: InvoicePreflightIssue[]): InvoicePreview['draft'] {
  if (issues.some((i) => i.code === 'no_exchange_rate')) return emptyDraft(input);
  try {
    return buildInvoice(input);
  } catch (error) {
    if (!issues.some((i) => i.blocking)) issues.push({ code: 'unpriced', blocking: true, message: `This invoice cannot be worked out: ${error instanceof Error ? error.message : String(error)}.` });
    return emptyDraft(input);
  }
}

/** A draft with no lines, for an invoice that cannot be priced (its pre-flight says why). */
function emptyDraft(input: InvoiceInput): InvoicePreview['draft'] {
  return { customerId: input.customer.id, currency: input.customer.currency, exchangeRate: null, lines: [], subtotalMinor: 0, tax: [], taxMinor: 0, totalMinor: 0, entryAmounts: [], payload: {}, notes: [] };
}
