// From the unbilled time of the chosen customers to the invoices they would make: which invoices
// (per client or per project, by each client's layout), what each is built from (customer, items,
// terms, tax and exchange rate from the QuickBooks mirror and QuickBooks itself), the builder's lines
// and totals, and pre-flight in bookkeeper words. Nothing is written.
import { buildInvoice } from '../../../../../shared/invoice/build';
import type { BillableTime, InvoiceCustomer, InvoiceHeader, InvoiceInput, InvoiceItem, InvoiceLayout, TaxSetup } from '../../../../../shared/invoice/types';
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
}

/** One invoice to be: its customer, its time, the layout in force and the overrides for it. */
interface Group {
  previewId: string;
  customerId: string;
  clientId: string | null;
  layout: InvoiceLayout;
  time: BillableTime[];
}

function layoutFor(clientId: string | null, layouts: InvoiceLayoutSettings, override?: Partial<InvoiceLayout>): InvoiceLayout {
  return { ...((clientId && layouts.byClient[clientId]) || layouts.defaultLayout), ...override };
}

/** Invoices per customer: one, or one per project when the client's layout says so. */
function groupsOf(pieces: readonly BillableTime[], customerIds: readonly string[], deps: PreviewDeps, overrides: Readonly<Record<string, InvoiceOverrides>>): Group[] {
  const groups: Group[] = [];
  const root = rootsOf(deps.sc);
  const byRoot = groupBy(pieces, (p) => root(p.customerId));
  for (const customerId of customerIds) {
    const own = byRoot.get(customerId) ?? [];
    if (own.length === 0) continue;
    const clientId = own[0]!.clientId;
    // The grouping decides the preview ids, so a layout chosen for the customer applies first.
    const layout = layoutFor(clientId, deps.layouts, overrides[customerId]?.layout);
    if (layout.grouping === 'perClient') {
      groups.push({ previewId: customerId, customerId, clientId, layout, time: own });
      continue;
    }
    for (const projectId of [...new Set(own.map((p) => p.projectId))]) {
      const time = own.filter((p) => p.projectId === projectId);
      const jobs = new Set(time.map((p) => p.customerId));
      const previewId = `${customerId}:${projectId}`;
      groups.push({ previewId, customerId: jobs.size === 1 ? time[0]!.customerId : customerId, clientId, layout: { ...layout, ...overrides[previewId]?.layout }, time });
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

/** The previews for the chosen customers' unbilled time. */
export async function previewInvoices(pieces: readonly BillableTime[], customerIds: readonly string[], deps: PreviewDeps, overrides: Readonly<Record<string, InvoiceOverrides>> = {}): Promise<InvoicePreview[]> {
  const [customers, itemRows, terms, tax] = await Promise.all([deps.mirror.list('customer', { includeInactive: true }), deps.mirror.list('item', { includeInactive: true }), deps.mirror.terms(), taxSetupOf(deps)]);
  const groups = groupsOf(pieces, customerIds, deps, overrides);
  const billed = await billedInQuickBooks(groups.flatMap((g) => g.time), deps.port);
  const items = itemsOf(itemRows);
  const home = deps.sc.transform.currency;
  const previews: InvoicePreview[] = [];
  for (const group of groups) {
    const customer = customerOf(customers.find((c) => c.id === group.customerId), group.customerId, home);
    const header = headerFor(customer, terms, deps, overrides[group.previewId]?.header);
    const input: InvoiceInput = {
      customer,
      time: group.time,
      layout: group.layout,
      multipliers: deps.multipliers,
      homeCurrency: home,
      exchangeRate: await exchangeRateFor(customer, home, header.txnDate, deps.port),
      tax,
      items,
      header,
    };
    const issues: InvoicePreflightIssue[] = preflightInvoice(input, deps.sc, billed);
    const draft = draftOf(input, issues);
    previews.push({ previewId: group.previewId, customerName: customer.name, clientId: group.clientId, input, draft, issues, terms: terms.filter((t) => t.active).map(({ id, name, dueDays }) => ({ id, name, dueDays })) });
  }
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
