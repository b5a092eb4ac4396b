// For any data, a report's pictures, its table and its headline figures show the same numbers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { profitabilityReport } from '../../../shared/reports/profitability';
import { taxSummaryReport } from '../../../shared/reports/tax-summary';
import type { ReportData, ReportEntry, ReportInvoice, ReportScope, ReportTable, ReportView } from '../../../shared/reports/types';
import { utilizationReport } from '../../../shared/reports/utilization';
import { addLocalDays, type Weekday } from '../../../shared/time/local-date';
import { MINUTE, entry, reportData } from './data';

const PROJECT_CLIENT: Record<string, string | null> = { web: 'acme', app: 'beta', loose: null };
const date = fc.integer({ min: 0, max: 120 }).map((i) => addLocalDays('2026-10-01', i));
const projectId = fc.constantFrom(null, 'web', 'app', 'loose');
const costRates = fc.array(fc.record({ effectiveFrom: date, rateMinor: fc.integer({ min: 0, max: 20_000 }) }), { maxLength: 3 });

const entryArb = fc.record({
  localDate: date,
  personId: fc.constantFrom('ann', 'bo', 'ghost'),
  projectId,
  withTask: fc.boolean(),
  billable: fc.boolean(),
  rawMinutes: fc.integer({ min: 0, max: 600 }),
  roundedUp: fc.integer({ min: 0, max: 30 }),
  rateMinor: fc.option(fc.integer({ min: 0, max: 30_000 })),
  invoicedMinor: fc.option(fc.integer({ min: 0, max: 100_000 })),
});

const invoiceArb = fc.record({
  txnDate: date,
  clientId: fc.constantFrom(null, 'acme', 'beta'),
  projectId,
  amountMinor: fc.integer({ min: 0, max: 50_000 }),
  ended: fc.boolean(),
});

const dataArb = fc
  .record({
    weekStartsOn: fc.constantFrom<Weekday>(0, 1, 6),
    annRates: costRates,
    boRates: costRates,
    entries: fc.array(entryArb, { maxLength: 25 }),
    invoices: fc.array(invoiceArb, { maxLength: 4 }),
  })
  .map(({ weekStartsOn, annRates, boRates, entries, invoices }): ReportData =>
    reportData({
      weekStartsOn,
      clients: [{ id: 'acme', name: 'Acme' }, { id: 'beta', name: 'Beta' }],
      projects: Object.entries(PROJECT_CLIENT).map(([id, clientId]) => ({ id, name: id, clientId, arrangement: null })),
      tasks: [{ id: 'design', projectId: 'web', name: 'Design' }, { id: 'build', projectId: 'app', name: 'Build' }, { id: 'misc', projectId: 'loose', name: 'Design' }],
      people: [
        { id: 'ann', name: 'Ann', kind: 'employee', capacityMinutesPerWeek: 2400, costRates: annRates },
        { id: 'bo', name: 'Bo', kind: 'contractor', capacityMinutesPerWeek: 1000, costRates: boRates },
      ],
      entries: entries.map((r, i): ReportEntry =>
        entry({
          id: `e${i}`,
          localDate: r.localDate,
          personId: r.personId,
          projectId: r.projectId,
          clientId: r.projectId === null ? null : PROJECT_CLIENT[r.projectId]!,
          taskId: r.withTask && r.projectId !== null ? { web: 'design', app: 'build', loose: 'misc' }[r.projectId]! : null,
          billable: r.billable,
          rawMs: r.rawMinutes * MINUTE,
          billedMs: (r.rawMinutes + r.roundedUp) * MINUTE,
          rateMinor: r.rateMinor,
          invoiceId: r.invoicedMinor === null ? null : 'inv',
          invoicedMinor: r.invoicedMinor,
        }),
      ),
      invoices: invoices.map((v, i): ReportInvoice => ({
        id: `i${i}`, number: '', clientId: v.clientId, customerId: 'q', customerName: 'Q', txnDate: v.txnDate, dueDate: v.txnDate,
        totalMinor: 0, balanceMinor: 0, serviceMinor: 0, unattributed: [{ projectId: v.projectId, amountMinor: v.amountMinor }], ended: v.ended,
      })),
    }),
  );

const scopeArb = fc
  .record({ a: date, b: date, clientIds: fc.subarray(['acme', 'beta']), projectIds: fc.subarray(['web', 'app', 'loose']) })
  .map(({ a, b, clientIds, projectIds }): ReportScope => ({ from: a < b ? a : b, to: a < b ? b : a, clientIds, projectIds }));

const sum = (values: ReadonlyArray<number | null>) => values.reduce<number>((s, v) => s + (v ?? 0), 0);
const figure = (view: ReportView, label: string) => view.figures.find((f) => f.label === label)?.value ?? null;

/** Every additive column's rows add up to the total row (ratios and per-hour rates do not add). */
function expectTotalsAddUp(table: ReportTable): void {
  for (const column of table.columns) {
    if (column.kind === 'text' || column.kind === 'percent' || column.kind === 'date' || column.key === 'rate') continue;
    expect(sum(table.rows.map((r) => r.cells[column.key] as number | null)), `${table.id}.${column.key}`).toBe(table.total![column.key]);
  }
}

/** Every stacked chart's bars add up to `total`. */
function expectStacksAddUpTo(view: ReportView, total: number): void {
  for (const chart of view.charts.filter((c) => c.kind === 'stackedBar')) expect(sum(chart.series.flatMap((s) => s.values)), chart.id).toBe(total);
}

/** What profitability's revenue must be, counted straight from the input. */
function revenueByHand(data: ReportData, scope: ReportScope): number {
  const inScope = (d: string, clientId: string | null, project: string | null) =>
    d >= scope.from && d <= scope.to && (scope.clientIds.length === 0 || scope.clientIds.includes(clientId!)) && (scope.projectIds.length === 0 || scope.projectIds.includes(project!));
  const entries = sum(data.entries.filter((e) => inScope(e.localDate, e.clientId, e.projectId)).map((e) => (e.invoiceId ? e.invoicedMinor : e.billable ? e.valueMinor : 0)));
  const extras = data.invoices.filter((i) => !i.ended).flatMap((i) =>
    i.unattributed.filter((u) => inScope(i.txnDate, (u.projectId && PROJECT_CLIENT[u.projectId]) ?? i.clientId, u.projectId)).map((u) => u.amountMinor),
  );
  return entries + sum(extras);
}

describe('reports show the same numbers in pictures, tables and figures', () => {
  it('profitability, whichever way it is grouped', () => {
    fc.assert(
      fc.property(dataArb, scopeArb, (data, scope) => {
        const revenue = revenueByHand(data, scope);
        for (const by of ['client', 'project', 'task', 'person'] as const) {
          const view = profitabilityReport(data, scope, { by });
          const table = view.tables[0]!;
          const total = table.total!;
          expectTotalsAddUp(table);
          expect(total['revenue']).toBe(revenue);
          expectStacksAddUpTo(view, revenue);
          expect(sum(view.charts.find((c) => c.id === 'revenueByWeek')!.series[0]!.values)).toBe(revenue);
          expect(view.charts.find((c) => c.id === 'rateByGroup')!.series[0]!.values).toEqual(table.rows.map((r) => r.cells['rate']));
          expect(figure(view, 'Revenue')).toBe(revenue);
          expect(figure(view, 'Cost')).toBe(total['cost']);
          expect(figure(view, 'Margin')).toBe(total['margin']);
          expect(figure(view, 'Margin %')).toBe(total['marginPercent']);
          expect(figure(view, 'Effective hourly rate')).toBe(total['rate']);
          expect(figure(view, 'Hours')).toBe(total['hours']);
          expect(figure(view, 'Rounding write-up')).toBe(total['rounding']);
          expect(figure(view, 'Fixed fees, retainers and surcharges')).toBe(total['arrangements']);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('utilization', () => {
    fc.assert(
      fc.property(dataArb, scopeArb, (data, scope) => {
        const view = utilizationReport(data, scope);
        const [byPerson, byWeek] = view.tables;
        for (const table of view.tables) expectTotalsAddUp(table);
        expect({ ...byWeek!.total, week: undefined, target: 75 }).toEqual({ ...byPerson!.total, week: undefined });
        const total = byPerson!.total!;
        expectStacksAddUpTo(view, total['total'] as number);
        expect(figure(view, 'Billable hours')).toBe(total['billable']);
        expect(figure(view, 'Hours')).toBe(total['total']);
        expect(figure(view, 'Capacity')).toBe(total['capacity']);
        expect(figure(view, 'Utilization')).toBe(total['utilization']);
      }),
      { numRuns: 150 },
    );
  });

  it('the tax-time summary', () => {
    fc.assert(
      fc.property(dataArb, scopeArb, (data, scope) => {
        const view = taxSummaryReport(data, scope);
        const hours = figure(view, 'Hours');
        for (const table of view.tables) {
          expectTotalsAddUp(table);
          expect(table.total!['hours']).toBe(hours);
          expect(table.total!['cost']).toBe(figure(view, 'Labour cost'));
        }
        expectStacksAddUpTo(view, hours!);
        expect(sum(view.charts.find((c) => c.id === 'hoursByCategory')!.series[0]!.values)).toBe(hours);
      }),
      { numRuns: 150 },
    );
  });
});
