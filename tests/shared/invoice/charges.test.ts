import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArrangementCharge } from '../../../shared/billing/types';
import { buildInvoice } from '../../../shared/invoice/build';
import type { BillableExpense, BillableTime } from '../../../shared/invoice/types';
import { HOUR, MINUTE, input, piece } from './fixtures';

function charge(over: Partial<ArrangementCharge> = {}): ArrangementCharge {
  return {
    projectId: 'web', projectName: 'Website redesign', step: 'period:2026-12', description: 'Retainer — December 2026 (20:00 h included)', amountMinor: 300_000,
    minutes: null, rateMinor: null, serviceDate: '2026-12-01', itemId: '1', classId: null, covers: [], ...over,
  };
}

function expense(over: Partial<BillableExpense> = {}): BillableExpense {
  return { expenseId: 'x1', reimburseChargeId: 'rc1', customerId: '58', projectId: 'web', localDate: '2026-11-20', amountMinor: 4_250, description: 'Train to Boston', itemId: '2', ...over };
}

const november = [piece({ date: '2026-11-03', billedMs: 20 * HOUR, entryId: 'e1', timeActivityId: 'ta1' }), piece({ date: '2026-11-20', billedMs: 810 * MINUTE, entryId: 'e2', timeActivityId: 'ta2' })];
const overage = charge({ step: 'overage:2026-11', description: 'Overage — November 2026: 3:30 h beyond 20:00 h (10:00 h rolled over) × $150.00', amountMinor: 52_500, minutes: 210, rateMinor: 15_000, serviceDate: '2026-11-30', covers: november });

describe('buildInvoice with arrangement charges and expenses', () => {
  it('sends a retainer fee as Qty 1, its overage as hours × rate linking the month\'s time, an expense linked to its ReimburseCharge, and the Estimate on the invoice', () => {
    const draft = buildInvoice(input([], { charges: [charge(), overage], expenses: [expense()], estimateId: 'est9' }));
    expect(draft.payload.Line).toEqual([
      { DetailType: 'SalesItemLineDetail', Amount: 3000, Description: 'Retainer — December 2026 (20:00 h included)', SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 1, UnitPrice: 3000, ServiceDate: '2026-12-01' } },
      {
        DetailType: 'SalesItemLineDetail', Amount: 525, Description: 'Overage — November 2026: 3:30 h beyond 20:00 h (10:00 h rolled over) × $150.00',
        SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 3.5, UnitPrice: 150, ServiceDate: '2026-11-30' },
        LinkedTxn: [{ TxnId: 'ta1', TxnType: 'TimeActivity' }, { TxnId: 'ta2', TxnType: 'TimeActivity' }],
      },
      { DetailType: 'SalesItemLineDetail', Amount: 42.5, Description: 'Train to Boston', SalesItemLineDetail: { ItemRef: { value: '2' }, Qty: 1, UnitPrice: 42.5, ServiceDate: '2026-11-20' }, LinkedTxn: [{ TxnId: 'rc1', TxnType: 'ReimburseCharge' }] },
    ]);
    expect(draft.payload.LinkedTxn).toEqual([{ TxnId: 'est9', TxnType: 'Estimate' }]);
    expect(draft.lines.map((l) => [l.kind, l.step, l.expenseId])).toEqual([['charge', 'period:2026-12', undefined], ['charge', 'overage:2026-11', undefined], ['expense', undefined, 'x1']]);
    expect(draft.totalMinor).toBe(356_750);
    // The overage is shared over November's entries by time (20 h and 13:30 h); the fee covers no time.
    expect(draft.entryAmounts).toEqual([{ entryId: 'e1', amountMinor: 31_343 }, { entryId: 'e2', amountMinor: 21_157 }]);
    expect(draft.expenseAmounts).toEqual([{ expenseId: 'x1', amountMinor: 4_250 }]);
  });

  it('taxes charges like time (by the item) and never an expense under US sales tax; with tax codes an expense carries the customer\'s code', () => {
    const us = buildInvoice(input([], {
      charges: [charge({ itemId: '2' })], expenses: [expense()],
      customer: { id: 'c1', name: 'Acme', currency: 'USD', active: true, taxable: true, taxCodeId: '7', email: null, termId: null },
      tax: { mode: 'us', codes: [{ id: '7', name: 'Travis County', percent: '8.25' }] },
    }));
    expect(us.lines.map((l) => l.taxCodeId)).toEqual(['TAX', 'NON']);
    expect(us.taxMinor).toBe(24_750);
    const codes = buildInvoice(input([], {
      expenses: [expense()],
      customer: { id: 'c1', name: 'Acme Ltd', currency: 'USD', active: true, taxable: true, taxCodeId: '5', email: null, termId: null },
      tax: { mode: 'codes', codes: [{ id: '5', name: 'VAT 20%', percent: '20' }] },
    }));
    expect(codes.lines[0]!.taxCodeId).toBe('5');
    expect(codes.tax).toEqual([{ taxCodeId: '5', name: 'VAT 20%', percent: '20', taxableMinor: 4_250, taxMinor: 850 }]);
  });

  it('converts charges and expenses into a foreign customer\'s currency, keeping the home amount the arrangement counts', () => {
    const draft = buildInvoice(input([], {
      charges: [charge(), overage], expenses: [expense()],
      customer: { id: 'c1', name: 'Acme GmbH', currency: 'EUR', active: true, taxable: false, taxCodeId: null, email: null, termId: null },
      exchangeRate: { sourceCurrency: 'EUR', targetCurrency: 'USD', rate: '1.08', asOf: '2026-12-07' },
    }));
    // $3,000.00 / 1.08 = €2,777.78; $150.00 / 1.08 = €138.89 an hour; $525.00 / 1.08 = €486.11; $42.50 / 1.08 = €39.35.
    expect(draft.lines.map((l) => [l.amountMinor, l.qty, l.unitPrice, l.homeAmountMinor])).toEqual([
      [277_778, '1', '2777.78', 300_000],
      [48_611, '3.5', '138.89', 52_500],
      [3_935, '1', '39.35', undefined],
    ]);
  });

  it('puts a project\'s charges under its heading on a client\'s invoice', () => {
    const draft = buildInvoice(input([piece({ projectId: 'app', projectName: 'App', entryId: 'e9', timeActivityId: 'ta9' })], { charges: [charge()] }));
    expect(draft.lines.map((l) => [l.kind, l.description, l.amountMinor])).toEqual([
      ['section', 'App', 0], ['time', 'App — Design', 15_000], ['subtotal', 'Subtotal App: $150.00', 15_000],
      ['section', 'Website redesign', 0], ['charge', 'Retainer — December 2026 (20:00 h included)', 300_000], ['subtotal', 'Subtotal Website redesign: $3,000.00', 300_000],
    ]);
  });
});

const pieceArb = (prefix: string) => fc.array(fc.record({ day: fc.integer({ min: 1, max: 28 }), minutes: fc.integer({ min: 1, max: 600 }), ta: fc.integer({ min: 0, max: 5 }) }), { maxLength: 6 })
  .map((ps) => ps.map((p, i): BillableTime => piece({ date: `2026-11-${String(p.day).padStart(2, '0')}`, billedMs: p.minutes * MINUTE, entryId: `${prefix}${i}`, key: `${prefix}${i}`, timeActivityId: `${prefix}ta${p.ta}` })));

describe('buildInvoice totals with charges and expenses', () => {
  it('add up: subtotal is every billed line, entry amounts are the time and covering charge lines, each TimeActivity is linked once', () => {
    const charges = fc.array(fc.record({ amountMinor: fc.integer({ min: 0, max: 1_000_000 }), hourly: fc.boolean(), covers: pieceArb('c') }), { maxLength: 3 })
      .map((cs) => cs.map((c, i) => charge({ step: `s${i}`, amountMinor: c.amountMinor, covers: c.covers.map((p) => ({ ...p, entryId: `${p.entryId}-${i}`, timeActivityId: `${p.timeActivityId}-${i}` })), ...(c.hourly ? { minutes: 90, rateMinor: c.amountMinor } : {}) })));
    const expenses = fc.array(fc.integer({ min: 1, max: 100_000 }), { maxLength: 3 }).map((xs) => xs.map((amountMinor, i) => expense({ expenseId: `x${i}`, reimburseChargeId: `rc${i}`, amountMinor })));
    fc.assert(
      fc.property(pieceArb('t'), charges, expenses, (time, cs, xs) => {
        const fixed = cs.map((c) => (c.minutes !== null ? { ...c, amountMinor: Math.floor((c.amountMinor * 3 + 1) / 2) } : c));
        const draft = buildInvoice(input(time, { charges: fixed, expenses: xs }));
        const billed = draft.lines.filter((l) => l.kind === 'time' || l.kind === 'charge' || l.kind === 'expense');
        expect(draft.subtotalMinor).toBe(billed.reduce((s, l) => s + l.amountMinor, 0));
        const timeTotal = draft.lines.filter((l) => l.kind === 'time').reduce((s, l) => s + l.amountMinor, 0);
        expect(draft.subtotalMinor).toBe(timeTotal + fixed.reduce((s, c) => s + c.amountMinor, 0) + xs.reduce((s, x) => s + x.amountMinor, 0));
        const shared = billed.filter((l) => l.kind !== 'expense' && l.parts.length > 0).reduce((s, l) => s + l.amountMinor, 0);
        expect(draft.entryAmounts.reduce((s, e) => s + e.amountMinor, 0)).toBe(shared);
        expect((draft.expenseAmounts ?? []).reduce((s, e) => s + e.amountMinor, 0)).toBe(xs.reduce((s, x) => s + x.amountMinor, 0));
        const linked = draft.lines.flatMap((l) => l.timeActivityIds);
        expect(new Set(linked).size).toBe(linked.length);
        expect(new Set(linked)).toEqual(new Set([...time, ...fixed.flatMap((c) => c.covers)].map((p) => p.timeActivityId)));
        const amounts = (draft.payload.Line as Array<{ Amount?: number; DetailType: string }>).filter((l) => l.DetailType === 'SalesItemLineDetail');
        expect(Math.round(amounts.reduce((s, l) => s + l.Amount! * 100, 0))).toBe(draft.subtotalMinor);
      }),
      { numRuns: 100 },
    );
  });
});
