// Turning billed time into money lines. Each entry becomes one line per multiplier portion; the
// totals are summed from those same lines, so an invoice's lines always add up to its total.
import { sumMoney, type Money } from '../money/money';
import { multiplyRate } from '../money/multiply';
import type { LocalDate } from '../time/local-date';
import { localDate } from '../time/zone';
import { OvertimeCounter, type MultiplierKind, type MultiplierRules } from './multipliers';
import { resolveRate, type RateRecord, type RateScope, type RateSubject } from './resolve';

export interface PricingEntry extends RateSubject {
  id: string;
  /** The time to bill (after rounding). Overtime thresholds count this same time. */
  billedMs: number;
}

export interface PricingContext {
  rates: readonly RateRecord[];
  multipliers: MultiplierRules;
}

export interface PricedLine {
  entryId: string;
  localDate: LocalDate;
  durationMs: number;
  rateMinor: number;
  currency: string;
  rateSource: RateScope;
  rateReason: string;
  percent: number;
  multiplier: MultiplierKind | null;
  amountMinor: number;
}

export interface PricingResult {
  lines: PricedLine[];
  /** One total per currency, summed from `lines`. */
  totals: Money[];
  /** Entries with no applicable rate: listed, not silently billed at zero. */
  unpriced: Array<{ entryId: string; reason: string }>;
}

/**
 * Prices entries in start order (ties by id) so overtime falls on the latest work of the day or
 * week. Pass every entry whose time counts towards the thresholds (normally one client's
 * billable work): an entry without a rate still counts towards overtime but gets no line.
 * Each line is rate × portion × percent, rounded half-up on its own (see multiplyRate).
 */
export function priceEntries(entries: readonly PricingEntry[], ctx: PricingContext): PricingResult {
  const ordered = [...entries].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const counter = new OvertimeCounter(ctx.multipliers);
  const lines: PricedLine[] = [];
  const unpriced: PricingResult['unpriced'] = [];
  for (const entry of ordered) {
    if (!Number.isSafeInteger(entry.billedMs) || entry.billedMs < 0) throw new RangeError(`Entry ${entry.id} has an invalid duration`);
    const date = localDate(entry.start, entry.zone);
    const portions = counter.take(date, entry.billedMs);
    const rate = resolveRate(entry, ctx.rates);
    if (!rate) {
      unpriced.push({ entryId: entry.id, reason: `No rate applies on ${date}` });
      continue;
    }
    for (const portion of portions) {
      const durationMs = portion.toMs - portion.fromMs;
      lines.push({
        entryId: entry.id,
        localDate: date,
        durationMs,
        rateMinor: rate.rateMinor,
        currency: rate.currency,
        rateSource: rate.source,
        rateReason: rate.reason,
        percent: portion.percent,
        multiplier: portion.multiplier,
        amountMinor: multiplyRate(rate.rateMinor, durationMs, rate.currency, portion.percent).amountMinor,
      });
    }
  }
  const currencies = [...new Set(lines.map((l) => l.currency))];
  const totals = currencies.map((currency) =>
    sumMoney(lines.filter((l) => l.currency === currency).map((l) => ({ amountMinor: l.amountMinor, currency })), currency),
  );
  return { lines, totals, unpriced };
}
