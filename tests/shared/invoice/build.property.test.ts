import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildInvoice } from '../../../shared/invoice/build';
import { quantityFor } from '../../../shared/invoice/quantity';
import type { BillableTime, InvoiceDraft, InvoiceInput, InvoiceItem, TaxSetup } from '../../../shared/invoice/types';
import { currencyExponent, minorToDecimalString } from '../../../shared/money/money';
import type { MultiplierRules } from '../../../shared/rates/multipliers';
import { localDate } from '../../../shared/time/zone';
import { MINUTE, input } from './fixtures';

// Instants from 1 March to 10 April 2026 and 20 Oct to 10 Nov 2026: US and EU DST changes inside.
const SPRING = Date.UTC(2026, 2, 1);
const AUTUMN = Date.UTC(2026, 9, 20);
const ZONES = ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'];
const PROJECTS = [['p1', 'Website redesign'], ['p2', 'App'], ['p3', 'Audit']] as const;
const CURRENCIES = ['USD', 'EUR', 'JPY', 'KWD'];

const pieceArb = fc.record({
  project: fc.constantFrom(...PROJECTS),
  task: fc.constantFrom(null, 't1', 't2'),
  itemId: fc.constantFrom('1', '2', '3'),
  classId: fc.constantFrom(null, 'c1'),
  zone: fc.constantFrom(...ZONES),
  start: fc.oneof(fc.integer({ min: SPRING, max: SPRING + 40 * 86_400_000 }), fc.integer({ min: AUTUMN, max: AUTUMN + 21 * 86_400_000 })),
  minutes: fc.integer({ min: 0, max: 720 }),
  rateMinor: fc.integer({ min: 0, max: 60_000 }),
  ta: fc.integer({ min: 0, max: 9 }),
  description: fc.constantFrom('', 'Design', 'Review', ' Calls '),
});

function toPieces(raw: Array<typeof pieceArb extends fc.Arbitrary<infer T> ? T : never>, prefix: string): BillableTime[] {
  return raw.map((r, i) => ({
    entryId: `${prefix}${i}`,
    key: `k${r.ta}`,
    timeActivityId: `${prefix}ta${r.ta}`,
    customerId: 'c1',
    clientId: 'acme',
    clientName: 'Acme',
    projectId: r.project[0],
    projectName: r.project[1],
    taskId: r.task,
    taskName: r.task && `Task ${r.task}`,
    itemId: r.itemId,
    classId: r.classId,
    localDate: localDate(r.start, r.zone),
    start: r.start,
    zone: r.zone,
    billedMs: r.minutes * MINUTE,
    rateMinor: r.rateMinor,
    description: r.description,
  }));
}

const threshold = (max: number) => fc.option(fc.record({ thresholdMinutes: fc.integer({ min: 0, max }), percent: fc.integer({ min: 100, max: 300 }) }), { nil: null });
const rulesArb: fc.Arbitrary<MultiplierRules> = fc.record({
  weekStartsOn: fc.constantFrom(0 as const, 1 as const),
  dailyOvertime: threshold(600),
  weeklyOvertime: threshold(3000),
  weekend: fc.option(fc.record({ days: fc.constant<Array<0 | 6>>([0, 6]), percent: fc.integer({ min: 100, max: 300 }) }), { nil: null }),
  holidays: fc.option(fc.record({ dates: fc.constant(['2026-03-17', '2026-11-02']), percent: fc.integer({ min: 100, max: 300 }) }), { nil: null }),
});

const percentArb = fc.oneof(fc.constantFrom('0', '8.25', '20', '7.125', '5.5'), fc.integer({ min: 0, max: 30_000 }).map((n) => (n / 1000).toFixed(3)));
const taxArb = fc.record({ mode: fc.constantFrom<TaxSetup['mode']>('none', 'us', 'codes'), p1: percentArb, p2: percentArb, customerCode: fc.constantFrom(null, 'v1', 'v2') });

const items = new Map<string, InvoiceItem>([
  ['1', { id: '1', name: 'Hours', active: true, taxable: false, incomeAccountId: '79', taxCodeId: 'v1' }],
  ['2', { id: '2', name: 'Design', active: true, taxable: true, incomeAccountId: '79', taxCodeId: 'v2' }],
  ['3', { id: '3', name: 'Support', active: true, taxable: true, incomeAccountId: '79', taxCodeId: 'v1' }],
]);

const inputArb = fc
  .record({
    time: fc.array(pieceArb, { minLength: 1, maxLength: 25 }),
    before: fc.array(pieceArb, { maxLength: 5 }),
    grouping: fc.constantFrom('perProject' as const, 'perClient' as const),
    detail: fc.constantFrom('entry' as const, 'taskDay' as const, 'task' as const, 'project' as const),
    rules: rulesArb,
    home: fc.constantFrom(...CURRENCIES),
    foreign: fc.option(fc.constantFrom(...CURRENCIES), { nil: null }),
    rate: fc.integer({ min: 1, max: 2_000_000 }).map((n) => (n / 10_000).toString()),
    tax: taxArb,
    customerTaxable: fc.boolean(),
  })
  .map((g): InvoiceInput => {
    const currency = g.foreign ?? g.home;
    return input(toPieces(g.time, 'e'), {
      alreadyBilled: toPieces(g.before, 'old'),
      layout: { grouping: g.grouping, detail: g.detail, descriptionTemplate: '{project}{task? — task}{description?: description} {date}' },
      multipliers: g.rules,
      homeCurrency: g.home,
      customer: { id: 'c1', name: 'Acme', currency, active: true, taxable: g.customerTaxable, taxCodeId: g.tax.customerCode, email: null, termId: null },
      exchangeRate: currency === g.home ? null : { sourceCurrency: currency, targetCurrency: g.home, rate: g.rate, asOf: '2026-11-30' },
      tax: { mode: g.tax.mode, codes: [{ id: 'v1', name: 'Standard', percent: g.tax.p1 }, { id: 'v2', name: 'Reduced', percent: g.tax.p2 }] },
      items,
    });
  });

// Independent arithmetic: exact fractions as [numerator, denominator] BigInts.
const fraction = (text: string): [bigint, bigint] => {
  const [whole, frac = ''] = text.split('.');
  return [BigInt(`${whole}${frac}`), 10n ** BigInt(frac.length)];
};
const half = (n: bigint, d: bigint) => (2n * n + d) / (2n * d);

function expectedTax(inp: InvoiceInput, draft: InvoiceDraft): number {
  const times = draft.lines.filter((l) => l.kind === 'time');
  const { mode, codes } = inp.tax;
  const percentOf = (id: string) => fraction(codes.find((c) => c.id === id)!.percent);
  const taxOn = (amount: number, id: string) => {
    const [n, d] = percentOf(id);
    return Number(half(BigInt(amount) * n, d * 100n));
  };
  if (mode === 'none') return 0;
  if (mode === 'us') {
    const code = inp.customer.taxCodeId;
    const taxable = times.filter((l) => inp.customer.taxable && items.get(l.itemId!)!.taxable).reduce((s, l) => s + l.amountMinor, 0);
    return code && taxable > 0 ? taxOn(taxable, code) : 0;
  }
  let tax = 0;
  for (const id of ['v1', 'v2']) {
    const amount = times.filter((l) => (inp.customer.taxCodeId ?? items.get(l.itemId!)!.taxCodeId) === id).reduce((s, l) => s + l.amountMinor, 0);
    if (times.some((l) => l.taxCodeId === id)) tax += taxOn(amount, id);
  }
  return tax;
}

function expectedRate(inp: InvoiceInput, home: number): number {
  if (!inp.exchangeRate) return home;
  const [n, d] = fraction(inp.exchangeRate.rate);
  return Number(half(BigInt(home) * d * 10n ** BigInt(currencyExponent(inp.customer.currency)), n * 10n ** BigInt(currencyExponent(inp.homeCurrency))));
}

describe('buildInvoice (properties)', () => {
  it('adds up, bills every minute once, links every TimeActivity once and agrees with QuickBooks arithmetic', () => {
    fc.assert(
      fc.property(inputArb, (inp) => {
        const draft = buildInvoice(inp);
        const times = draft.lines.filter((l) => l.kind === 'time');
        expect(times.reduce((s, l) => s + l.amountMinor, 0)).toBe(draft.subtotalMinor);
        expect(draft.totalMinor).toBe(draft.subtotalMinor + draft.taxMinor);
        expect(draft.taxMinor).toBe(expectedTax(inp, draft));
        expect(draft.entryAmounts.reduce((s, e) => s + e.amountMinor, 0)).toBe(draft.subtotalMinor);

        const billed = new Map<string, number>();
        for (const l of times) for (const p of l.parts) billed.set(p.entryId, (billed.get(p.entryId) ?? 0) + p.ms);
        expect(billed).toEqual(new Map(inp.time.map((p) => [p.entryId, p.billedMs])));

        const linked = times.flatMap((l) => l.timeActivityIds);
        const billedTas = [...new Set(inp.time.map((p) => p.timeActivityId))].sort();
        expect([...linked].sort()).toEqual(billedTas);
        expect(new Set(linked).size).toBe(linked.length);
        // …on the first time line holding any of its time.
        const tasOf = (entryId: string) => inp.time.filter((p) => p.entryId === entryId).map((p) => p.timeActivityId);
        for (const id of billedTas) {
          const first = times.find((l) => l.parts.some((p) => tasOf(p.entryId).includes(id)));
          expect(first?.timeActivityIds).toContain(id);
        }

        const rates = new Set(inp.time.map((p) => expectedRate(inp, p.rateMinor)));
        const scale = 10n ** BigInt(currencyExponent(draft.currency));
        for (const [index, l] of draft.lines.entries()) {
          if (l.kind !== 'time') continue;
          expect(rates.has(l.rateMinor!)).toBe(true);
          expect(l.amountMinor).toBe(Number(half(BigInt(l.rateMinor!) * BigInt(l.minutes!) * BigInt(l.percent!), 6000n)));
          const [qn, qd] = fraction(l.qty!);
          const [un, ud] = fraction(l.unitPrice!);
          // Exact for unit prices up to 500,000 minor units an hour (see quantity.ts); beyond, a note says so.
          const exact = Number(half(qn * un * scale, qd * ud)) === l.amountMinor;
          if (l.rateMinor! * l.percent! <= 50_000_000) expect(exact).toBe(true);
          expect(draft.notes.some((n) => n.startsWith(`Line ${index + 1} (`))).toBe(!exact);
        }

        const payloadLines = draft.payload.Line as Array<{ Amount?: number }>;
        expect(payloadLines).toHaveLength(draft.lines.length);
        draft.lines.forEach((l, i) => {
          if (l.kind === 'time') expect(String(payloadLines[i]!.Amount)).toBe(String(Number(minorToDecimalString(l.amountMinor, draft.currency))));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same invoice whatever order the time comes in', () => {
    fc.assert(
      fc.property(inputArb, fc.integer(), (inp, seed) => {
        const shuffled = [...inp.time].sort((a, b) => ((a.entryId.length * 31 + seed) % 7) - ((b.entryId.length * 17 + seed) % 5));
        expect(buildInvoice({ ...inp, time: shuffled.reverse() })).toEqual(buildInvoice(inp));
      }),
      { numRuns: 100 },
    );
  });
});

describe('quantityFor', () => {
  it('finds a Qty with at most 6 decimals, within 0.01 h of the real hours, for unit prices up to 500,000 minor units an hour', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 500_000 }), fc.integer({ min: 100, max: 300 }), (minutes, rate, percent) => {
        const r = Math.floor((rate * 100) / percent);
        const amount = Number(half(BigInt(r) * BigInt(minutes) * BigInt(percent), 6000n));
        const { qty, exact } = quantityFor(minutes, r, percent, amount);
        expect(exact).toBe(true);
        const [n, d] = fraction(qty);
        expect(Number(half(n * BigInt(r) * BigInt(percent), d * 100n))).toBe(amount);
        expect(Math.abs(Number(qty) - minutes / 60)).toBeLessThan(0.01);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the amount and a 6-decimal Qty when no Qty can give it (rates beyond that bound)', () => {
    // 20 minutes at 9,999,999.99 an hour: 3,333,333.33 exactly; 0.333333 h and 0.333334 h both miss by a cent or more.
    expect(quantityFor(20, 999_999_999, 100, 333_333_333)).toEqual({ qty: '0.333333', exact: false });
  });
});
