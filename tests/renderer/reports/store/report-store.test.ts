// The reports' read over a fake IndexedDB: a month of a small firm's time, invoices and payments,
// checked figure by figure: billed time after each project's rounding, the rate in force (a rate
// change mid-month, another currency left out), each entry's share of a live invoice, a retainer
// fee no entry carries, a voided invoice released, a partial payment, the people with their
// settings, and the time that must not count (trashed, running, invoiced outside the period).
import { beforeEach, describe, expect, it } from 'vitest';
import type { EntryRow, InvoiceRow, PaymentRow, ProjectRow, SegmentRow } from '../../../../renderer/src/db/schema';
import type { InvoiceLine } from '../../../../shared/invoice/types';
import type { ReportData } from '../../../../shared/reports/types';
import { toEntryRow } from '../../../../renderer/src/db/repos';
import { testEnv, type TestEnv } from '../../db/helpers';

const RANGE = { from: '2026-11-01', to: '2026-11-30' };
const TODAY = '2026-12-04';
const MIN = 60_000;
const NOW = Date.UTC(2026, 11, 4, 12);

function project(id: string, patch: Partial<ProjectRow>): ProjectRow {
  return { id, clientId: 'c-acme', name: id, color: '#000', billable: true, defaultTaskId: null, rateMinor: null, currency: 'USD', rounding: null, archived: false,
    qboCustomerId: null, qboItemId: null, qboClassId: null, createdAt: 0, updatedAt: 0, ...patch };
}

function entry(id: string, projectId: string | null, day: string, from: string, minutes: number, patch: Partial<EntryRow> = {}): EntryRow {
  const start = Date.parse(`${day}T${from}:00Z`);
  // As the entries' door stores it, with its derived fields (localDate, running, waiting).
  return toEntryRow({ id, projectId, taskId: null, description: '', start, end: start + minutes * MIN, zone: 'UTC', source: 'manual', billable: true, status: 'invoiced',
    version: 1, createdAt: start, updatedAt: start, deletedAt: null, ...patch });
}

const line = (kind: InvoiceLine['kind'], amountMinor: number, projectId: string, entryIds: string[] = []): InvoiceLine =>
  ({ kind, description: kind, projectId, amountMinor, timeActivityIds: [], parts: entryIds.map((entryId) => ({ entryId, ms: 0 })) });

function invoice(id: string, patch: Partial<InvoiceRow>): InvoiceRow {
  return { id, companyId: 'primary', customerId: '7', customerName: 'Acme Corp', clientId: 'c-acme', state: 'created', requestId: `r-${id}`, attempts: 1,
    draft: { customerId: '7', currency: 'USD', exchangeRate: null, lines: [], subtotalMinor: 0, tax: [], taxMinor: 0, totalMinor: 0, entryAmounts: [], payload: {}, notes: [] },
    entryIds: [], links: [], createdAt: Date.UTC(2026, 10, 30, 12), updatedAt: 0, ...patch };
}

function segment(id: string, day: string, minutes: number, suggestedProjectId: string | null, reviewed = false): SegmentRow {
  const start = Date.parse(`${day}T09:00:00Z`);
  return { id, start, end: start + minutes * MIN, app: 'Code', title: 'work', url: null, kind: 'active', localDate: day, suggestedProjectId, reviewed } as SegmentRow;
}

async function seed(env: TestEnv): Promise<void> {
  const { db, repos } = env;
  await repos.settings.set('utilizationTargetPercent', 80);
  await repos.settings.set('reportPeople', {
    'Dana Lee': { kind: 'contractor', capacityMinutesPerWeek: 20 * 60, costRates: [{ effectiveFrom: '2026-11-01', rateMinor: 60_00 }, { effectiveFrom: '2026-01-01', rateMinor: 50_00 }] },
  });
  await db.clients.bulkAdd([
    { id: 'c-acme', name: 'Acme Corp', archived: false, qboCustomerId: '7', createdAt: 0, updatedAt: 0 },
    { id: 'c-berlin', name: 'Berlin GmbH', archived: false, qboCustomerId: '9', createdAt: 0, updatedAt: 0 },
  ]);
  await db.projects.bulkAdd([
    project('p-round', { rateMinor: 100_00, rounding: { incrementMinutes: 15, mode: 'up', scope: 'entry' } }),
    project('p-card', {}),
    project('p-day', { rateMinor: 100_00, rounding: { incrementMinutes: 15, mode: 'up', scope: 'projectDay' } }),
    project('p-eur', { clientId: 'c-berlin', rateMinor: 90_00, currency: 'EUR' }),
    project('p-retainer', { billing: { kind: 'retainer', period: 'monthly', startDate: '2026-01-01', endDate: null, feeMinor: 1500_00, allowanceMinutes: 600, overageRateMinor: null, rollover: null, billedInAdvance: true, autoCreate: false } }),
    project('p-hourly', { billing: { kind: 'hourly' } }),
  ]);
  await db.tasks.add({ id: 't-design', projectId: 'p-round', name: 'Design', archived: false, qboItemId: null, createdAt: 0, updatedAt: 0 });
  await db.rateCards.bulkAdd([
    { id: 'rc-1', scope: 'project', scopeId: 'p-card', rateMinor: 120_00, currency: 'USD', effectiveFrom: '2026-01-01', createdAt: 0 },
    { id: 'rc-2', scope: 'project', scopeId: 'p-card', rateMinor: 150_00, currency: 'USD', effectiveFrom: '2026-11-16', createdAt: 0 },
  ]);
  await db.entries.bulkAdd([
    entry('e-rounded', 'p-round', '2026-11-03', '10:00', 7, { taskId: 't-design' }),
    entry('e-before-change', 'p-card', '2026-11-10', '09:00', 120),
    entry('e-after-change', 'p-card', '2026-11-20', '09:00', 90, { status: 'synced' }),
    entry('e-euro', 'p-eur', '2026-11-12', '09:00', 60, { status: 'approved' }),
    entry('e-dana', 'p-round', '2026-11-05', '08:00', 60, { status: 'approved', source: 'import', importKey: 'k1',
      imported: { person: 'Dana Lee', currency: null, rateMinor: null, amountMinor: null, costRateMinor: null, status: null } }),
    entry('e-internal', 'p-round', '2026-11-04', '09:00', 30, { billable: false }),
    entry('e-trashed', 'p-round', '2026-11-06', '09:00', 60, { status: 'draft', deletedAt: NOW, trashedAt: NOW }),
    entry('e-running', 'p-round', '2026-11-28', '09:00', 0, { status: 'draft', end: null, running: 1 }),
    entry('e-old-draft', 'p-round', '2026-10-20', '10:00', 20, { status: 'draft' }),
    entry('e-old-invoiced', 'p-round', '2026-10-01', '10:00', 60),
    // A per-project-day rule over a day outside the period: 20 + 5 minutes billed as 30 together.
    entry('e-day-invoiced', 'p-day', '2026-10-21', '09:00', 20),
    entry('e-day-draft', 'p-day', '2026-10-21', '11:00', 5, { status: 'draft' }),
  ]);
  await db.invoices.bulkAdd([
    invoice('inv-1', {
      draft: { ...invoice('x', {}).draft, lines: [line('time', 25_00, 'p-round', ['e-rounded']), line('time', 240_00, 'p-card', ['e-before-change']), line('charge', 1500_00, 'p-retainer'), line('expense', 50_00, 'p-round')],
        subtotalMinor: 1815_00, totalMinor: 1815_00, entryAmounts: [{ entryId: 'e-rounded', amountMinor: 25_00 }, { entryId: 'e-before-change', amountMinor: 240_00 }] },
      entryIds: ['e-rounded', 'e-before-change'], qboId: '42',
      qbo: { Id: '42', SyncToken: '1', DocNumber: '1001', TxnDate: '2026-11-30', DueDate: '2026-12-30', CustomerRef: { value: '7' }, Line: [], TotalAmt: 1815, Balance: 815 },
    }),
    invoice('inv-void', {
      draft: { ...invoice('x', {}).draft, lines: [line('time', 225_00, 'p-card', ['e-after-change'])], totalMinor: 225_00, entryAmounts: [{ entryId: 'e-after-change', amountMinor: 225_00 }] },
      entryIds: ['e-after-change'], ended: { kind: 'voided', at: NOW },
    }),
    invoice('inv-eur', {
      customerId: '9', customerName: 'Berlin GmbH', clientId: 'c-berlin',
      draft: { ...invoice('x', {}).draft, customerId: '9', currency: 'EUR', exchangeRate: { sourceCurrency: 'EUR', targetCurrency: 'USD', rate: '1.1', asOf: '2026-11-30' },
        lines: [line('charge', 100_00, 'p-eur')], subtotalMinor: 100_00, totalMinor: 100_00 },
    }),
    invoice('inv-sending', { state: 'sending' }),
  ]);
  const payment = (id: string, patch: Partial<PaymentRow>): PaymentRow => ({ id: `primary:${id}`, companyId: 'primary', qboId: id, customerId: '7', customerName: 'Acme Corp', txnDate: '2026-12-02',
    currency: 'USD', totalMinor: 1000_00, unappliedMinor: 0, applied: [{ invoiceQboId: '42', amountMinor: 1000_00 }], deleted: false, updatedAt: 0, ...patch });
  await db.payments.bulkAdd([payment('p1', {}), payment('p2', { deleted: true })]);
  await db.segments.bulkAdd([
    segment('s-open', '2026-12-03', 30, 'p-round'),
    segment('s-unknown', '2026-12-03', 10, null),
    segment('s-reviewed', '2026-12-03', 60, 'p-round', true),
    segment('s-stale', '2026-11-10', 60, 'p-round'),
  ]);
}

describe('report store', () => {
  let data: ReportData;
  beforeEach(async () => {
    const env = await testEnv(NOW);
    await seed(env);
    data = await env.repos.reports.read(RANGE, TODAY);
  });
  const entryOf = (id: string) => data.entries.find((e) => e.id === id);

  it('reads the period, every entry not invoiced yet, and leaves out trashed, running and older invoiced time', () => {
    expect(data.entries.map((e) => e.id).sort()).toEqual(['e-after-change', 'e-before-change', 'e-dana', 'e-day-draft', 'e-euro', 'e-internal', 'e-old-draft', 'e-rounded'].sort());
    expect(entryOf('e-old-draft')).toMatchObject({ localDate: '2026-10-20', status: 'draft', billedMs: 30 * MIN, valueMinor: 50_00 });
  });

  it('bills each entry after its project rounding, at the rate in force on its day', () => {
    expect(entryOf('e-rounded')).toEqual({
      id: 'e-rounded', localDate: '2026-11-03', personId: 'me', clientId: 'c-acme', projectId: 'p-round', taskId: 't-design', status: 'invoiced', billable: true,
      rawMs: 7 * MIN, billedMs: 15 * MIN, rateMinor: 100_00, valueMinor: 25_00, rawValueMinor: 11_67, invoiceId: 'inv-1', invoicedMinor: 25_00,
    });
    expect(entryOf('e-before-change')).toMatchObject({ rateMinor: 120_00, valueMinor: 240_00, invoiceId: 'inv-1', invoicedMinor: 240_00 });
    expect(entryOf('e-after-change')).toMatchObject({ rateMinor: 150_00, valueMinor: 225_00, status: 'synced' });
    expect(entryOf('e-internal')).toMatchObject({ billable: false, rateMinor: 100_00, billedMs: 30 * MIN, valueMinor: 0, rawValueMinor: 0 });
  });

  it('shares a per-project-day rounding over the whole day, even for a draft read from outside the period', () => {
    // 25 minutes that day round up to 30, shared 24 / 6 by time: the draft alone would bill 15.
    expect(entryOf('e-day-draft')).toMatchObject({ rawMs: 5 * MIN, billedMs: 6 * MIN, valueMinor: 10_00 });
  });

  it('leaves time whose rate is in another currency out of money, and counts it', () => {
    expect(entryOf('e-euro')).toMatchObject({ clientId: 'c-berlin', rateMinor: null, valueMinor: 0, rawValueMinor: 0 });
    expect(data.otherCurrencyEntries).toBe(1);
  });

  it('releases the time of a voided invoice, which counts nowhere', () => {
    expect(entryOf('e-after-change')).toMatchObject({ invoiceId: null, invoicedMinor: null });
    expect(data.invoices.find((i) => i.id === 'inv-void')).toMatchObject({ ended: true, number: '', txnDate: '2026-11-30', dueDate: '2026-11-30', totalMinor: 225_00, balanceMinor: 225_00 });
  });

  it('reads invoices with QuickBooks figures, the service part, and the retainer fee no entry carries', () => {
    expect(data.invoices.map((i) => i.id).sort()).toEqual(['inv-1', 'inv-eur', 'inv-void']);
    expect(data.invoices.find((i) => i.id === 'inv-1')).toEqual({
      id: 'inv-1', number: '1001', clientId: 'c-acme', customerId: '7', customerName: 'Acme Corp', txnDate: '2026-11-30', dueDate: '2026-12-30',
      totalMinor: 1815_00, balanceMinor: 815_00, serviceMinor: 1765_00, unattributed: [{ projectId: 'p-retainer', amountMinor: 1500_00 }], ended: false,
    });
  });

  it('converts an invoice in the customer currency at its own exchange rate', () => {
    expect(data.invoices.find((i) => i.id === 'inv-eur')).toMatchObject({ totalMinor: 110_00, balanceMinor: 110_00, serviceMinor: 110_00, unattributed: [{ projectId: 'p-eur', amountMinor: 110_00 }] });
  });

  it('reads live payments against our invoices, with the client', () => {
    expect(data.payments).toEqual([{ id: 'primary:p1', customerId: '7', clientId: 'c-acme', txnDate: '2026-12-02', totalMinor: 1000_00, applied: [{ invoiceId: 'inv-1', amountMinor: 1000_00 }] }]);
  });

  it('lists You and every person in the time, with saved settings or the defaults', () => {
    expect(entryOf('e-dana')).toMatchObject({ personId: 'Dana Lee', billedMs: 60 * MIN, valueMinor: 100_00 });
    expect(data.people).toEqual([
      { id: 'me', name: 'You', kind: 'employee', capacityMinutesPerWeek: 40 * 60, costRates: [] },
      { id: 'Dana Lee', name: 'Dana Lee', kind: 'contractor', capacityMinutesPerWeek: 20 * 60, costRates: [{ effectiveFrom: '2026-01-01', rateMinor: 50_00 }, { effectiveFrom: '2026-11-01', rateMinor: 60_00 }] },
    ]);
    expect(data).toMatchObject({ currency: 'USD', today: TODAY, weekStartsOn: 1, utilizationTargetPercent: 80 });
  });

  it('values recent unreviewed activity at the suggested project rate', () => {
    expect(data.segments).toEqual([
      { id: 's-open', localDate: '2026-12-03', ms: 30 * MIN, projectId: 'p-round', valueMinor: 50_00 },
      { id: 's-unknown', localDate: '2026-12-03', ms: 10 * MIN, projectId: null, valueMinor: 0 },
    ]);
  });

  it('reads the catalogue, an hourly arrangement as none', () => {
    expect(data.projects.find((p) => p.id === 'p-retainer')?.arrangement).toMatchObject({ kind: 'retainer', feeMinor: 1500_00 });
    expect(data.projects.find((p) => p.id === 'p-hourly')?.arrangement).toBeNull();
    expect(data.tasks).toEqual([{ id: 't-design', projectId: 'p-round', name: 'Design' }]);
    expect(data.clients).toEqual([{ id: 'c-acme', name: 'Acme Corp' }, { id: 'c-berlin', name: 'Berlin GmbH' }]);
  });
});
