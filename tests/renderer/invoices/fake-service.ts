// A fake InvoiceService for the Invoices screen's tests: fixed unbilled time, previews that follow
// the overrides they are given, and every call recorded (vi.fn) so a test can say what was asked.
import { vi } from 'vitest';
import { DEFAULT_INVOICE_LAYOUT, type InvoiceDraft, type InvoiceLine } from '../../../shared/invoice/types';
import type { ArrangementSummary, InvoiceOverrides, InvoicePreview, InvoiceService, InvoiceSummary, PaymentsView, UnbilledView } from '../../../renderer/src/features/invoices/invoice-service';

const unbilledView: UnbilledView = {
  customers: [
    {
      customerId: 'c-beta', customerName: 'Beta Bikes', clientId: 'cl-beta', clientName: 'Beta', minutes: 90, amountMinor: 15_000, currency: 'USD', oldest: '2026-11-20',
      projects: [{ projectId: 'p-b', projectName: 'Shop', minutes: 90, amountMinor: 15_000, oldest: '2026-11-20', tasks: [{ taskId: null, taskName: null, minutes: 90, amountMinor: 15_000, oldest: '2026-11-20', entryCount: 1 }] }],
    },
    {
      customerId: 'c-acme', customerName: 'Acme Cars', clientId: 'cl-acme', clientName: 'Acme', minutes: 750, amountMinor: 187_500, currency: 'USD', oldest: '2026-11-03',
      projects: [{
        projectId: 'p-web', projectName: 'Website', minutes: 750, amountMinor: 187_500, oldest: '2026-11-03',
        tasks: [
          { taskId: 't-design', taskName: 'Design', minutes: 480, amountMinor: 120_000, oldest: '2026-11-03', entryCount: 5 },
          { taskId: 't-build', taskName: 'Build', minutes: 270, amountMinor: 67_500, oldest: '2026-11-05', entryCount: 3 },
        ],
      }],
    },
  ],
  leftBehind: [
    { status: 'draft', message: '3 draft entries (4:30) are not approved yet', entryCount: 3, minutes: 270, clientName: 'Acme' },
    { status: 'approved', message: '2 approved entries (1:15) are not in QuickBooks yet', entryCount: 2, minutes: 75, clientName: 'Beta' },
  ],
};

const lines: InvoiceLine[] = [
  { kind: 'section', description: 'Website', amountMinor: 0, timeActivityIds: [], parts: [] },
  { kind: 'time', description: 'Website — Design', serviceDate: '2026-11-03', minutes: 480, qty: '8', unitPrice: '138.89', rateMinor: 13_889, percent: 100, multiplier: null, amountMinor: 111_112, timeActivityIds: ['ta1'], parts: [] },
  { kind: 'time', description: 'Website — Design', serviceDate: '2026-11-03', minutes: 90, qty: '1.5', unitPrice: '208.34', rateMinor: 13_889, percent: 150, multiplier: 'dailyOvertime', rule: 'Overtime ×1.5: hours beyond 8 h in a day', amountMinor: 31_251, timeActivityIds: ['ta2'], parts: [] },
  { kind: 'subtotal', description: 'Subtotal Website', amountMinor: 142_363, timeActivityIds: [], parts: [] },
];

function draft(customerId: string, foreign: boolean): InvoiceDraft {
  return {
    customerId, currency: foreign ? 'EUR' : 'USD', lines, subtotalMinor: 142_363,
    exchangeRate: foreign ? { sourceCurrency: 'EUR', targetCurrency: 'USD', rate: '1.08', asOf: '2026-12-04' } : null,
    tax: [{ taxCodeId: '7', name: 'VAT', percent: '20', taxableMinor: 142_363, taxMinor: 28_473 }], taxMinor: 28_473, totalMinor: 170_836,
    entryAmounts: [], payload: {},
    notes: [],
  };
}

/** A preview as the service would give it for `customerId`, with `overrides` applied. */
function preview(customerId: string, name: string, overrides: InvoiceOverrides = {}, blocking = false): InvoicePreview {
  const layout = { ...DEFAULT_INVOICE_LAYOUT, ...overrides.layout };
  const header = { txnDate: '2026-12-04', dueDate: '2027-01-03', termId: 'net30', memo: '', message: '', billEmail: 'ap@acme.example', docNumber: null, ...overrides.header };
  return {
    previewId: customerId, customerName: name, clientId: `cl-${customerId}`,
    input: {
      customer: { id: customerId, name, currency: 'EUR', active: true, taxable: true, taxCodeId: '7', email: 'ap@acme.example', termId: 'net30' },
      time: [], layout, multipliers: { weekStartsOn: 1 }, homeCurrency: 'USD', exchangeRate: null, tax: { mode: 'codes', codes: [] }, items: new Map(), header,
    },
    draft: draft(customerId, customerId === 'c-acme'),
    issues: blocking ? [{ code: 'customer_inactive', blocking: true, message: `${name} is inactive in QuickBooks.` }] : [{ code: 'unpriced', blocking: false, message: 'One entry has no rate and is billed at 0.' }],
    terms: [{ id: 'net30', name: 'Net 30', dueDays: 30 }, { id: 'net15', name: 'Net 15', dueDays: 15 }],
  };
}

export function summary(id: string, patch: Partial<InvoiceSummary> = {}): InvoiceSummary {
  return {
    id, companyId: 'primary', qboId: `q${id}`, docNumber: `10${id}`, customerId: 'c-acme', customerName: 'Acme Cars', txnDate: '2026-12-04', dueDate: '2027-01-03',
    currency: 'USD', totalMinor: 170_836, balanceMinor: 170_836, status: 'sent', emailStatus: 'NotSet', emailedTo: null, billEmail: 'ap@acme.example', emailedAt: null,
    lastError: null, conflict: null, entryCount: 8, createdAt: 1, ...patch,
  };
}

const NAMES: Record<string, string> = { 'c-acme': 'Acme Cars', 'c-beta': 'Beta Bikes' };

export function fakeService(options: { companyId?: string; blocked?: string[]; invoices?: InvoiceSummary[]; unbilled?: UnbilledView; arrangements?: ArrangementSummary[]; payments?: PaymentsView } = {}) {
  let invoices = options.invoices ?? [];
  let payments: PaymentsView = options.payments ?? { unapplied: [], notices: [] };
  const service = {
    companyId: options.companyId ?? 'primary',
    unbilled: vi.fn(async () => options.unbilled ?? unbilledView),
    preview: vi.fn(async (ids: readonly string[], _range: unknown, overrides: Readonly<Record<string, InvoiceOverrides>> = {}) =>
      ids.map((id) => preview(id, NAMES[id] ?? id, overrides[id], options.blocked?.includes(id)))),
    create: vi.fn(async (previews: readonly InvoicePreview[]) => ({
      created: previews.filter((p) => p.customerName !== 'Beta Bikes').map((p, i) => summary(`c${i}`, { customerName: p.customerName, docNumber: `20${i}` })),
      failed: previews.filter((p) => p.customerName === 'Beta Bikes').map((p) => summary('f', { customerName: p.customerName, status: 'failed', lastError: 'The books are closed for 20 Nov 2026.' })),
    })),
    list: vi.fn(async () => invoices),
    refresh: vi.fn(async () => {}),
    pdf: vi.fn(async () => new Uint8Array([37, 80, 68, 70])),
    emailTemplate: vi.fn(async () => ({ subject: 'Invoice [Invoice No.] from Nexus', message: 'Dear customer, please find the invoice attached.' })),
    email: vi.fn(async (id: string, to: string) => {
      invoices = invoices.map((i) => (i.id === id ? { ...i, emailStatus: 'EmailSent' as const, emailedTo: to, emailedAt: '2026-12-04T10:00:00Z' } : i));
      return invoices.find((i) => i.id === id)!;
    }),
    layouts: vi.fn(async () => ({ defaultLayout: DEFAULT_INVOICE_LAYOUT, byClient: {} })),
    saveLayouts: vi.fn(async () => {}),
    multipliers: vi.fn(async () => ({ weekStartsOn: 1 as const, dailyOvertime: { thresholdMinutes: 480, percent: 150 } })),
    saveMultipliers: vi.fn(async () => {}),
    arrangements: vi.fn(async () => options.arrangements ?? []),
    previewArrangements: vi.fn(async (keys: readonly string[]) => keys.map((key) => ({ ...preview('c-acme', 'Acme Cars', undefined, false), previewId: key, arrangement: key }))),
    acceptQuickBooks: vi.fn(async (id: string) => {
      invoices = invoices.map((i) => (i.id === id ? { ...i, conflict: null } : i));
    }),
    payments: vi.fn(async () => payments),
    dismissPaymentNotice: vi.fn(async (id: string) => {
      payments = { ...payments, notices: payments.notices.filter((n) => n.id !== id) };
    }),
  } satisfies InvoiceService;
  return service;
}
