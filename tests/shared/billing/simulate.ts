// Runs an arrangement through time as the app would: on each visit the due proposals are built into
// invoices (their steps read back from the lines, their covered time linked), then time moves on.
import { expect } from 'vitest';
import { billedStepsOf, proposeInvoices, type ArrangementContext, type ProposedInvoice } from '../../../shared/billing/propose';
import { buildInvoice } from '../../../shared/invoice/build';
import type { BilledStep, BillingArrangement } from '../../../shared/billing/types';
import type { BillableTime } from '../../../shared/invoice/types';
import { addLocalDays, type LocalDate } from '../../../shared/time/local-date';
import { input, piece } from '../invoice/fixtures';

/** Minutes worked on a date, one piece of time each. */
export interface Work {
  date: LocalDate;
  minutes: number;
}

export const RATE = 15_000;

export function context(today: LocalDate, work: readonly Work[], billed: readonly BilledStep[], covered: ReadonlySet<string>): ArrangementContext {
  const done = work.map((w, i) => ({ w, i })).filter(({ w }) => w.date <= today);
  const workedByDate = new Map<LocalDate, number>();
  for (const { w } of done) workedByDate.set(w.date, (workedByDate.get(w.date) ?? 0) + w.minutes);
  const unbilled: BillableTime[] = done
    .filter(({ i }) => !covered.has(`k${i}`))
    .map(({ w, i }) => piece({ date: w.date, entryId: `e${i}`, key: `k${i}`, timeActivityId: `ta${i}`, billedMs: w.minutes * 60_000 }));
  return { projectId: 'web', projectName: 'Website redesign', today, currency: 'USD', projectRateMinor: RATE, itemId: '1', classId: null, unbilled, workedByDate, billed: [...billed] };
}

export interface Run {
  invoices: ProposedInvoice[];
  billed: BilledStep[];
  /** How many times each piece (by key) was covered. */
  coveredCount: Map<string, number>;
}

/** Visits the arrangement on each of `days` (ascending), creating every proposal; `arrangementOn` may change it over time. */
export function run(arrangementOn: (today: LocalDate) => BillingArrangement, work: readonly Work[], days: readonly LocalDate[]): Run {
  const out: Run = { invoices: [], billed: [], coveredCount: new Map() };
  for (const today of days) {
    const ctx = context(today, work, out.billed, new Set(out.coveredCount.keys()));
    for (const invoice of proposeInvoices(arrangementOn(today), ctx)) {
      out.invoices.push(invoice);
      const draft = buildInvoice(input([], { charges: invoice.charges }));
      expect(draft.subtotalMinor).toBe(invoice.totalMinor);
      out.billed.push(...billedStepsOf(draft.lines, today));
      const keys = new Set(invoice.charges.flatMap((c) => c.covers.map((p) => p.key)));
      for (const k of keys) out.coveredCount.set(k, (out.coveredCount.get(k) ?? 0) + 1);
    }
  }
  return out;
}

/** Days from `from` through `to`, stepping by the given gaps (cycled), always ending on `to`. */
export function visits(from: LocalDate, to: LocalDate, gaps: readonly number[]): LocalDate[] {
  const days: LocalDate[] = [];
  for (let d = from, i = 0; d < to; d = addLocalDays(d, gaps[i++ % gaps.length]!)) days.push(d);
  days.push(to);
  return days;
}

/** Steps billed more than once (none, if proposals are idempotent). */
export const repeatedSteps = (r: Run): string[] => r.billed.map((b) => b.step).filter((step, i, all) => all.indexOf(step) !== i);

export const invoicedTotal = (r: Run): number => r.invoices.reduce((sum, inv) => sum + inv.totalMinor, 0);

/** round-half-up(minutes × rate / 60), written independently of the code under test. */
export const atRate = (minutes: number, rate: number): number => Math.floor((minutes * rate * 2 + 60) / 120);
