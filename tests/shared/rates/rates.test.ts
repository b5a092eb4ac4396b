import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { multiplyRate } from '../../../shared/money/multiply';
import { OvertimeCounter, type MultiplierRules } from '../../../shared/rates/multipliers';
import { resolveRate, type RateRecord, type RateSubject } from '../../../shared/rates/resolve';
import { addLocalDays } from '../../../shared/time/local-date';
import { localDate, zonedInstant } from '../../../shared/time/zone';

const HOUR = 3_600_000;
const zone = 'America/New_York';
const rates: RateRecord[] = [
  { scope: 'default', scopeId: null, rateMinor: 10_000, currency: 'USD', effectiveFrom: '2020-01-01' },
  { scope: 'client', scopeId: 'acme', rateMinor: 12_000, currency: 'USD', effectiveFrom: '2020-01-01' },
  { scope: 'project', scopeId: 'site', rateMinor: 15_000, currency: 'USD', effectiveFrom: '2024-01-01' },
  { scope: 'project', scopeId: 'site', rateMinor: 16_000, currency: 'USD', effectiveFrom: '2024-03-01' },
  { scope: 'task', scopeId: 'audit', rateMinor: 20_000, currency: 'USD', effectiveFrom: '2024-01-01' },
];
type PricingEntry = RateSubject & { id: string; billedMs: number };

/**
 * The rate and multiplier policy together, as the invoice builder applies it: entries in start order
 * through one OvertimeCounter, each portion at the entry's resolved rate × its percent.
 */
function priceEntries(entries: readonly PricingEntry[], ctx: { rates: readonly RateRecord[]; multipliers: MultiplierRules }) {
  const counter = new OvertimeCounter(ctx.multipliers);
  const lines: Array<{ entryId: string; localDate: string; durationMs: number; percent: number; multiplier: string | null; amountMinor: number }> = [];
  const unpriced: Array<{ entryId: string; reason: string }> = [];
  for (const e of [...entries].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1))) {
    const date = localDate(e.start, e.zone);
    const portions = counter.take(date, e.billedMs);
    const rate = resolveRate(e, ctx.rates);
    if (!rate) {
      unpriced.push({ entryId: e.id, reason: `No rate applies on ${date}` });
      continue;
    }
    for (const p of portions) lines.push({ entryId: e.id, localDate: date, durationMs: p.toMs - p.fromMs, percent: p.percent, multiplier: p.multiplier, amountMinor: multiplyRate(rate.rateMinor, p.toMs - p.fromMs, rate.currency, p.percent).amountMinor });
  }
  return { lines, unpriced, totals: [{ amountMinor: lines.reduce((a, l) => a + l.amountMinor, 0), currency: 'USD' }] };
}

const subject = (over: Partial<PricingEntry> & { date?: string; time?: string } = {}): PricingEntry => {
  const { date = '2024-03-05', time = '09:00', ...rest } = over;
  return { id: 'e', taskId: null, projectId: 'site', clientId: 'acme', zone, start: zonedInstant(date, time, zone), billedMs: HOUR, ...rest };
};

describe('resolveRate', () => {
  it('prefers task over project over client over the default', () => {
    expect(resolveRate(subject({ taskId: 'audit' }), rates)?.source).toBe('task');
    expect(resolveRate(subject(), rates)?.source).toBe('project');
    expect(resolveRate(subject({ projectId: 'other' }), rates)).toMatchObject({ source: 'client', rateMinor: 12_000 });
    expect(resolveRate(subject({ projectId: null, clientId: null }), rates)).toMatchObject({ source: 'default', reason: 'workspace default rate from 2020-01-01' });
  });
  it('applies a mid-project rate change from its date, by the local start date', () => {
    expect(resolveRate(subject({ date: '2024-02-29' }), rates)).toMatchObject({ rateMinor: 15_000, reason: 'project rate from 2024-01-01' });
    expect(resolveRate(subject({ date: '2024-03-01' }), rates)).toMatchObject({ rateMinor: 16_000, reason: 'project rate from 2024-03-01' });
    // 29 Feb 23:30 in New York is already 1 March in UTC: the local date decides.
    expect(resolveRate(subject({ date: '2024-02-29', time: '23:30' }), rates)?.rateMinor).toBe(15_000);
  });
  it('falls back to a broader scope before the specific rate starts, and returns null with no rate at all', () => {
    expect(resolveRate(subject({ date: '2023-06-01' }), rates)?.source).toBe('client');
    expect(resolveRate(subject({ date: '2019-06-01' }), rates)).toBeNull();
  });
});

describe('rates with multipliers (the invoice builder\'s policy)', () => {
  const none: MultiplierRules = { weekStartsOn: 1 };
  it('prices each entry at its rate, half-up, with totals equal to the line sum', () => {
    const result = priceEntries([subject({ id: 'a', billedMs: 20 * 60_000 }), subject({ id: 'b', taskId: 'audit', time: '11:00', billedMs: 90 * 60_000 })], { rates, multipliers: none });
    expect(result.lines.map((l) => [l.entryId, l.amountMinor])).toEqual([['a', 5_333], ['b', 30_000]]);
    expect(result.totals).toEqual([{ amountMinor: 35_333, currency: 'USD' }]);
  });
  it('splits the entry that crosses the daily threshold, in start order', () => {
    const rules: MultiplierRules = { weekStartsOn: 1, dailyOvertime: { thresholdMinutes: 8 * 60, percent: 150 } };
    // Given out of order: the 09:00 entry (6 h) comes first, so the 16:00 entry (3 h) crosses at 2 h.
    const entries = [subject({ id: 'late', time: '16:00', billedMs: 3 * HOUR }), subject({ id: 'early', time: '09:00', billedMs: 6 * HOUR })];
    const { lines } = priceEntries(entries, { rates, multipliers: rules });
    expect(lines.map((l) => [l.entryId, l.durationMs / HOUR, l.percent, l.multiplier])).toEqual([
      ['early', 6, 100, null],
      ['late', 2, 100, null],
      ['late', 1, 150, 'dailyOvertime'],
    ]);
    expect(lines[2]!.amountMinor).toBe(24_000);
  });
  it('counts weekly overtime across the days of the configured week', () => {
    const rules: MultiplierRules = { weekStartsOn: 1, weeklyOvertime: { thresholdMinutes: 40 * 60, percent: 125 } };
    // Mon 4 – Fri 8 March 2024, 9 h a day: 45 h, the last 5 h on Friday are overtime.
    const entries = [0, 1, 2, 3, 4].map((i) => subject({ id: `d${i}`, date: addLocalDays('2024-03-04', i), billedMs: 9 * HOUR }));
    const overtime = priceEntries(entries, { rates, multipliers: rules }).lines.filter((l) => l.multiplier);
    expect(overtime.map((l) => [l.localDate, l.durationMs / HOUR, l.percent])).toEqual([['2024-03-08', 5, 125]]);
  });
  it('applies only the single highest multiplier, never stacking them', () => {
    const rules: MultiplierRules = {
      weekStartsOn: 1,
      dailyOvertime: { thresholdMinutes: 60, percent: 150 },
      weekend: { days: [0, 6], percent: 125 },
      holidays: { dates: ['2024-03-09'], percent: 200 },
    };
    // Saturday 9 March is also a holiday: 200 % for all of it, overtime (150 %) does not add.
    const holiday = priceEntries([subject({ date: '2024-03-09', billedMs: 2 * HOUR })], { rates, multipliers: rules }).lines;
    expect(holiday.map((l) => [l.durationMs / HOUR, l.percent, l.multiplier])).toEqual([[2, 200, 'holiday']]);
    expect(holiday[0]!.amountMinor).toBe(64_000);
    // Sunday 10 March: weekend 125 % for the first hour, then overtime 150 % beats it.
    const sunday = priceEntries([subject({ date: '2024-03-10', billedMs: 2 * HOUR })], { rates, multipliers: rules }).lines;
    expect(sunday.map((l) => [l.durationMs / HOUR, l.percent, l.multiplier])).toEqual([[1, 125, 'weekend'], [1, 150, 'dailyOvertime']]);
  });
  it('lists entries without a rate instead of billing them at zero', () => {
    const result = priceEntries([subject({ date: '2019-01-02' })], { rates, multipliers: none });
    expect(result.lines).toEqual([]);
    expect(result.unpriced).toEqual([{ entryId: 'e', reason: 'No rate applies on 2019-01-02' }]);
  });
  it('keeps every minute: portions cover each entry, overtime equals time over the threshold, totals equal line sums', () => {
    const arbEntries = fc.array(
      fc.record({ day: fc.integer({ min: 0, max: 13 }), hour: fc.integer({ min: 0, max: 22 }), minutes: fc.integer({ min: 0, max: 5 * 60 }), task: fc.constantFrom('audit', null) }),
      { minLength: 1, maxLength: 25 },
    );
    fc.assert(
      fc.property(arbEntries, fc.integer({ min: 0, max: 10 * 60 }), (spec, threshold) => {
        const entries = spec.map((s, i) =>
          subject({ id: `e${i}`, taskId: s.task, date: addLocalDays('2024-03-04', s.day), time: `${String(s.hour).padStart(2, '0')}:00`, billedMs: s.minutes * 60_000 }),
        );
        const rules: MultiplierRules = { weekStartsOn: 1, dailyOvertime: { thresholdMinutes: threshold, percent: 150 } };
        const { lines, totals } = priceEntries(entries, { rates, multipliers: rules });
        expect(totals[0]!.amountMinor).toBe(lines.reduce((a, l) => a + l.amountMinor, 0));
        entries.forEach((e) => expect(lines.filter((l) => l.entryId === e.id).reduce((a, l) => a + l.durationMs, 0)).toBe(e.billedMs));
        for (let day = 0; day < 14; day++) {
          const date = addLocalDays('2024-03-04', day);
          const worked = spec.filter((s) => s.day === day).reduce((a, s) => a + s.minutes * 60_000, 0);
          const overtime = lines.filter((l) => l.localDate === date && l.multiplier === 'dailyOvertime').reduce((a, l) => a + l.durationMs, 0);
          expect(overtime).toBe(Math.max(0, worked - threshold * 60_000));
        }
      }),
    );
  });
});
