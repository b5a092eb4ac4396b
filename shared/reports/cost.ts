// Labour cost: each entry's raw time × its person's cost rate in force on its date. Profitability and
// the tax-time summary both count cost this way, so one function does it for both.
import { multiplyRate } from '../money/multiply';
import type { LocalDate } from '../time/local-date';
import type { CostRate, ReportData, ReportEntry, ReportPerson } from './types';

/** The person with this id; someone only entries name counts as an employee with no capacity or cost rate. */
export function personLookup(people: readonly ReportPerson[]): (id: string) => ReportPerson {
  const byId = new Map(people.map((p) => [p.id, p]));
  return (id) => byId.get(id) ?? { id, name: id, kind: 'employee', capacityMinutesPerWeek: 0, costRates: [] };
}

/** The rate with the latest start on or before `date`; null when none has started. */
function costRateOn(rates: readonly CostRate[], date: LocalDate): number | null {
  let best: CostRate | null = null;
  for (const rate of rates) {
    if (rate.effectiveFrom <= date && (!best || rate.effectiveFrom >= best.effectiveFrom)) best = rate;
  }
  return best?.rateMinor ?? null;
}

/** "Ann", "Ann and Bo", "Ann, Bo and Cy". */
function listNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

interface LabourCost {
  /** Each entry's cost in minor units (0 where its person had no cost rate). */
  byEntry: Map<ReportEntry, number>;
  /** Who had no cost rate for some of the time, in words; null when everyone had one. */
  note: string | null;
}

export function labourCost(data: ReportData, entries: readonly ReportEntry[]): LabourCost {
  const person = personLookup(data.people);
  const byEntry = new Map<ReportEntry, number>();
  const missing = new Set<string>();
  for (const e of entries) {
    const rate = costRateOn(person(e.personId).costRates, e.localDate);
    if (rate === null && e.rawMs > 0) missing.add(person(e.personId).name);
    byEntry.set(e, rate === null ? 0 : multiplyRate(rate, e.rawMs, data.currency).amountMinor);
  }
  const names = [...missing].sort();
  const note = names.length === 0 ? null : `${listNames(names)} ${names.length === 1 ? 'has' : 'have'} no cost rate for some of this time, so that time counts as costing nothing.`;
  return { byEntry, note };
}
