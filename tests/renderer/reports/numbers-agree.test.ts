// The reports' totals are the app's other totals. A year of a small firm's work (bench/reports/
// year-data.ts: three people, eight clients, invoices in batches, payments at each client's pace)
// is written into a real (fake-indexeddb) database and read back by the reports' store; then for the
// same weeks each report's totals must equal what the Timesheet shows week by week, what the
// invoices and payments add up to, and what the QuickBooks reconciliation counts as approved and
// invoiced. A person comparing two screens must never find two numbers for one thing.
import { beforeAll, describe, expect, it } from 'vitest';
import { yearOfData } from '../../../bench/reports/year-data';
import { reconciliationReportRun } from '../../../renderer/src/features/quickbooks/engine/reconcile-run';
import { buildReport } from '../../../shared/reports/index';
import type { ReportData, ReportId, ReportScope, ReportView } from '../../../shared/reports/types';
import { addLocalDays, startOfLocalWeek } from '../../../shared/time/local-date';
import { testEnv, type TestEnv } from '../db/helpers';
import { fakeQboPort, ok } from '../quickbooks/fake-port';

const TODAY = '2026-12-04';
const NOW = Date.UTC(2026, 11, 4, 18, 0);
const FROM = startOfLocalWeek(addLocalDays(TODAY, -364), 1);
const TO = addLocalDays(startOfLocalWeek(TODAY, 1), 6);
const SCOPE: ReportScope = { from: FROM, to: TO, clientIds: [], projectIds: [] };

let env: TestEnv;
let year: ReturnType<typeof yearOfData>;
let data: ReportData;

/** The company the invoices and the reconciliation belong to: the year's customers, one service item, you as the worker. */
async function seedCompany(repos: TestEnv['repos']): Promise<void> {
  await repos.qboMirror.putEntities([
    ...year.clients.map((c) => ({ kind: 'customer' as const, id: String(c['qboCustomerId']), name: String(c['name']), active: true })),
    { kind: 'item', id: '7', name: 'Consulting', active: true, subtype: 'Service' },
    { kind: 'employee', id: '29', name: 'Emily Platt', active: true },
  ]);
  await repos.qboMirror.setState('worker', { nameOf: 'Employee', id: '29' });
  await repos.qboMirror.setState('preferences', { CurrencyPrefs: { HomeCurrency: { value: 'USD' } } });
}

beforeAll(async () => {
  env = await testEnv(NOW);
  year = yearOfData({ entries: 3_650, invoices: 60 }, TODAY, NOW);
  const { db } = env;
  await db.transaction('rw', [db.clients, db.projects, db.tasks, db.entries, db.invoices, db.payments], async () => {
    await db.clients.bulkPut(year.clients as never[]);
    await db.projects.bulkPut(year.projects.map((p) => ({ ...p, qboItemId: '7' })) as never[]);
    await db.tasks.bulkPut(year.tasks as never[]);
    await db.entries.bulkPut(year.entries as never[]);
    await db.invoices.bulkPut(year.invoices as never[]);
    await db.payments.bulkPut(year.payments as never[]);
  });
  await seedCompany(env.repos);
  data = await env.repos.reports.read({ from: FROM, to: TO }, TODAY);
}, 60_000);

const view = (id: ReportId): ReportView => buildReport(id, data, SCOPE, id === 'profitability' ? { by: 'client' } : {});
const figure = (v: ReportView, label: string): number => {
  const f = v.figures.find((x) => x.label === label);
  if (!f) throw new Error(`${v.title} has no figure "${label}" (it has ${v.figures.map((x) => x.label).join(', ')})`);
  return f.value;
};
const total = (v: ReportView, table: number, key: string): number => Number(v.tables[table]!.total![key]);

/** The Timesheet's totals, week by week over the year, added up. */
async function timesheetYear() {
  const sum = { totalMs: 0, billableMs: 0, billedBillableMs: 0 };
  for (let week = FROM; week <= TO; week = addLocalDays(week, 7)) {
    const t = await env.repos.views.timesheetTotals(week, 'UTC', NOW);
    sum.totalMs += t.weekTotalMs;
    sum.billableMs += t.billableMs;
    sum.billedBillableMs += t.billedBillableMs;
  }
  return sum;
}

describe('a year of reports agrees with the rest of the app', () => {
  it('has the year to look at: every entry, every invoice and payment', () => {
    expect(data.entries).toHaveLength(year.entries.length);
    expect(data.invoices).toHaveLength(year.invoices.length);
    expect(data.payments).toHaveLength(year.payments.length);
  });

  it('counts the hours the Timesheet shows, week by week', async () => {
    const sheet = await timesheetYear();
    expect(sheet.totalMs).toBeGreaterThan(0);
    const profit = view('profitability');
    const util = view('utilization');
    const tax = view('taxSummary');
    expect(total(profit, 0, 'hours')).toBe(sheet.totalMs);
    expect(total(profit, 0, 'billed')).toBe(sheet.billedBillableMs);
    expect(figure(util, 'Hours')).toBe(sheet.totalMs);
    expect(figure(util, 'Billable hours')).toBe(sheet.billableMs);
    expect(figure(tax, 'Hours')).toBe(sheet.totalMs);
    expect(figure(tax, 'Billable hours')).toBe(sheet.billableMs);
  });

  it('counts the invoices and payments as QuickBooks holds them', () => {
    const invoiced = year.invoices.reduce((s, i) => s + i.draft.subtotalMinor, 0);
    const owed = year.invoices.reduce((s, i) => s + Math.round(i.qbo.Balance * 100), 0);
    const paid = year.payments.reduce((s, p) => s + p.totalMinor, 0);
    const profit = view('profitability');
    expect(total(profit, 0, 'revenue') - total(profit, 0, 'unbilled')).toBe(invoiced);
    expect(figure(view('receivables'), 'Owed')).toBe(owed);
    expect(invoiced - owed).toBe(paid);
  });

  it('counts what the reconciliation has QuickBooks hold, and what it says is invoiced', async () => {
    const port = fakeQboPort((channel) => {
      if (channel !== 'qbo:queryAll') throw new Error(`unused: ${channel}`);
      return ok({ items: [] });
    });
    const rec = await reconciliationReportRun({ repos: env.repos, port, range: { from: FROM, to: TO } });
    const sum = (key: 'approvedAmountMinor' | 'invoicedAmountMinor') => rec.rows.reduce((s, r) => s + r[key], 0);
    const profit = view('profitability');
    const drafts = view('leakage').tables[0]!.rows.find((r) => String(r.cells['stage']).startsWith('Draft'))!;
    expect(rec.heldBack).toBe(0);
    expect(sum('invoicedAmountMinor')).toBe(total(profit, 0, 'revenue') - total(profit, 0, 'unbilled'));
    // Everything approved or further is in QuickBooks at its rate; only drafts are not.
    expect(sum('approvedAmountMinor')).toBe(total(profit, 0, 'revenue') - Number(drafts.cells['amount']));
  });
});
