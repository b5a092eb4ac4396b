import { describe, expect, it } from 'vitest';
import { buildInvoice } from '../../../shared/invoice/build';
import type { BillableTime } from '../../../shared/invoice/types';
import { HOUR, MINUTE, input, items, piece } from './fixtures';

const timeLines = (time: BillableTime[], over: Parameters<typeof input>[1] = {}) => buildInvoice(input(time, over)).lines.filter((l) => l.kind === 'time');

describe('buildInvoice', () => {
  it('bills a week with overtime beyond 8 h a day on its own line, stating the rule', () => {
    const week = ['2026-11-30', '2026-12-01', '2026-12-02'].map((date, i) => piece({ date, entryId: `e${i}`, timeActivityId: `ta${i}`, billedMs: 9 * HOUR }));
    const draft = buildInvoice(input(week, { layout: { grouping: 'perProject', detail: 'task', descriptionTemplate: '{project}{task? — task}, {date}' }, multipliers: { weekStartsOn: 1, dailyOvertime: { thresholdMinutes: 480, percent: 150 } } }));
    expect(draft.lines.map((l) => [l.description, l.qty, l.unitPrice, l.amountMinor])).toEqual([
      ['Website redesign — Design, 30 Nov – 2 Dec 2026', '24', '150', 360_000],
      ['Website redesign — Design, 30 Nov – 2 Dec 2026 — Overtime ×1.5', '3', '225', 67_500],
    ]);
    expect(draft.lines[1]!.rule).toBe('Overtime ×1.5: time beyond 8:00 in a day');
    expect(draft.totalMinor).toBe(427_500);
    expect(draft.payload.Line).toEqual([
      {
        DetailType: 'SalesItemLineDetail', Amount: 3600, Description: 'Website redesign — Design, 30 Nov – 2 Dec 2026',
        SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 24, UnitPrice: 150 },
        LinkedTxn: [{ TxnId: 'ta0', TxnType: 'TimeActivity' }, { TxnId: 'ta1', TxnType: 'TimeActivity' }, { TxnId: 'ta2', TxnType: 'TimeActivity' }],
      },
      { DetailType: 'SalesItemLineDetail', Amount: 675, Description: 'Website redesign — Design, 30 Nov – 2 Dec 2026 — Overtime ×1.5', SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 3, UnitPrice: 225 } },
    ]);
  });

  it('counts time already billed towards the weekly threshold without billing it again', () => {
    const before = [piece({ date: '2026-11-30', billedMs: 39 * HOUR, entryId: 'old', timeActivityId: 'old' })];
    const lines = timeLines([piece({ date: '2026-12-02', billedMs: 2 * HOUR })], { alreadyBilled: before, multipliers: { weekStartsOn: 1, weeklyOvertime: { thresholdMinutes: 2400, percent: 150 } } });
    expect(lines.map((l) => [l.minutes, l.multiplier, l.rule])).toEqual([
      [60, null, undefined],
      [60, 'weeklyOvertime', 'Overtime ×1.5: time beyond 40:00 in a week (weeks start Monday)'],
    ]);
  });

  it('bills a weekend and a holiday at double time, naming the days', () => {
    const rules = { weekStartsOn: 1 as const, weekend: { days: [0, 6] as Array<0 | 6>, percent: 200 }, holidays: { dates: ['2026-12-25'], percent: 200 } };
    const lines = timeLines([piece({ date: '2026-12-05' }), piece({ date: '2026-12-25', entryId: 'e2', timeActivityId: 'ta2' })], { multipliers: rules });
    expect(lines.map((l) => [l.description, l.rule, l.amountMinor])).toEqual([
      ['Website redesign — Design — Weekend ×2', 'Weekend ×2: Saturday and Sunday', 30_000],
      ['Website redesign — Design — Holiday ×2', 'Holiday ×2: 25 Dec 2026', 30_000],
    ]);
  });

  it('invoices a EUR customer at the rate converted with the exchange rate, and says so in the body', () => {
    const draft = buildInvoice(input([piece({ billedMs: 90 * MINUTE })], {
      customer: { id: 'c1', name: 'Acme GmbH', currency: 'EUR', active: true, taxable: false, taxCodeId: null, email: 'ap@acme.de', termId: '3' },
      exchangeRate: { sourceCurrency: 'EUR', targetCurrency: 'USD', rate: '1.08', asOf: '2026-12-07' },
      header: { txnDate: '2026-12-07', dueDate: '2027-01-06', termId: '3', memo: 'Dec', message: 'Thank you', billEmail: 'ap@acme.de', docNumber: '1001' },
    }));
    // 150.00 USD / 1.08 = 138.888… → 138.89 EUR an hour; 1.5 h → 208.335 → 208.34.
    expect(draft.lines[0]).toMatchObject({ rateMinor: 13_889, unitPrice: '138.89', qty: '1.5', amountMinor: 20_834 });
    expect(draft.exchangeRate?.rate).toBe('1.08');
    const { Line, ...header } = draft.payload;
    expect(Line).toHaveLength(1);
    expect(header).toEqual({
      CustomerRef: { value: 'c1' }, TxnDate: '2026-12-07', DueDate: '2027-01-06', SalesTermRef: { value: '3' }, DocNumber: '1001',
      PrivateNote: 'Dec', CustomerMemo: { value: 'Thank you' }, BillEmail: { Address: 'ap@acme.de' }, CurrencyRef: { value: 'EUR' }, ExchangeRate: 1.08,
    });
  });

  it('refuses a foreign customer without an exchange rate', () => {
    const customer = { id: 'c1', name: 'Acme KK', currency: 'JPY', active: true, taxable: false, taxCodeId: null, email: null, termId: null };
    expect(() => buildInvoice(input([piece()], { customer }))).toThrow('Acme KK is invoiced in JPY: an exchange rate from JPY to USD is needed');
  });

  it('charges US sales tax on the taxable item only, at the customer\'s rate', () => {
    const draft = buildInvoice(input([piece({ itemId: '2', billedMs: 2 * HOUR }), piece({ itemId: '1', taskId: 'dev', taskName: 'Development', entryId: 'e2', timeActivityId: 'ta2' })], {
      customer: { id: 'c1', name: 'Acme', currency: 'USD', active: true, taxable: true, taxCodeId: '7', email: null, termId: null },
      tax: { mode: 'us', codes: [{ id: '7', name: 'Travis County', percent: '8.25' }] },
    }));
    expect(draft.lines.map((l) => [l.taxCodeId, l.amountMinor])).toEqual([['TAX', 30_000], ['NON', 15_000]]);
    expect(draft.tax).toEqual([{ taxCodeId: '7', name: 'Travis County', percent: '8.25', taxableMinor: 30_000, taxMinor: 2_475 }]);
    expect(draft.totalMinor).toBe(47_475);
    expect(draft.payload.TxnTaxDetail).toEqual({ TxnTaxCodeRef: { value: '7' } });
  });

  it('gives a per-client invoice a heading and a subtotal per project, projects by name', () => {
    const draft = buildInvoice(input([
      piece({ projectId: 'web', projectName: 'Website redesign', entryId: 'a', timeActivityId: 'ta-a' }),
      piece({ projectId: 'app', projectName: 'App', taskId: null, taskName: null, entryId: 'b', timeActivityId: 'ta-b', time: '13:00', billedMs: 30 * MINUTE, description: 'Login screen' }),
    ]));
    expect(draft.lines.map((l) => [l.kind, l.description, l.amountMinor])).toEqual([
      ['section', 'App', 0],
      ['time', 'App: Login screen', 7_500],
      ['subtotal', 'Subtotal App: $75.00', 7_500],
      ['section', 'Website redesign', 0],
      ['time', 'Website redesign — Design', 15_000],
      ['subtotal', 'Subtotal Website redesign: $150.00', 15_000],
    ]);
    expect(draft.subtotalMinor).toBe(22_500);
    expect((draft.payload.Line as unknown[])[2]).toEqual({ DetailType: 'DescriptionOnly', Description: 'Subtotal App: $75.00', DescriptionLineDetail: {} });
  });

  it('puts a rate change inside the period on a line of its own, and one line per entry with its date', () => {
    const lines = timeLines([piece(), piece({ date: '2026-12-02', rateMinor: 16_000, entryId: 'e2', timeActivityId: 'ta2' })], { layout: { grouping: 'perProject', detail: 'entry', descriptionTemplate: '{date}' } });
    expect(lines.map((l) => [l.description, l.serviceDate, l.unitPrice])).toEqual([['1 Dec 2026', '2026-12-01', '150'], ['2 Dec 2026', '2026-12-02', '160']]);
  });

  it('links a TimeActivity shared by two entries once, on the first line', () => {
    const draft = buildInvoice(input([piece({ entryId: 'a' }), piece({ entryId: 'b', time: '11:00', description: 'Review' })], { layout: { grouping: 'perProject', detail: 'entry', descriptionTemplate: '{description}' } }));
    expect(draft.lines.map((l) => l.timeActivityIds)).toEqual([['ta1'], []]);
    expect(draft.lines.flatMap((l) => l.timeActivityIds)).toEqual(['ta1']);
  });

  it('writes 20 minutes at $1.50 an hour with a Qty QuickBooks accepts', () => {
    // 0.33 h × 1.50 = 0.495 → 0.50, the exact amount; Qty is not shortened to 0.
    const [line] = timeLines([piece({ billedMs: 20 * MINUTE, rateMinor: 150 })]);
    expect(line).toMatchObject({ qty: '0.33', amountMinor: 50 });
  });

  it('keeps the overtime label within QuickBooks\' 4000-character description', () => {
    const long = timeLines([piece({ billedMs: 9 * HOUR, description: 'x'.repeat(5000) })], { multipliers: { weekStartsOn: 1, dailyOvertime: { thresholdMinutes: 480, percent: 150 } } });
    expect(long[1]!.description).toHaveLength(4000);
    expect(long[1]!.description.endsWith('… — Overtime ×1.5')).toBe(true);
  });

  it('puts each line on the code the customer or else its item carries, and taxes per code', () => {
    const draft = buildInvoice(input([piece({ itemId: '1' }), piece({ itemId: '2', entryId: 'e2', timeActivityId: 'ta2', time: '11:00' })], {
      items: new Map([...items].map(([id, item]) => [id, { ...item, taxCodeId: id === '1' ? 'std' : 'red' }])),
      tax: { mode: 'codes', codes: [{ id: 'std', name: 'VAT 20%', percent: '20' }, { id: 'red', name: 'VAT 5%', percent: '5' }] },
    }));
    expect(draft.tax.map((t) => [t.name, t.taxableMinor, t.taxMinor])).toEqual([['VAT 20%', 15_000, 3_000], ['VAT 5%', 15_000, 750]]);
    expect(draft.payload.GlobalTaxCalculation).toBe('TaxExcluded');
    expect((draft.payload.Line as Array<{ SalesItemLineDetail: unknown }>)[1]!.SalesItemLineDetail).toMatchObject({ TaxCodeRef: { value: 'red' } });
  });

  it('refuses time that is not whole minutes, and a taxed invoice of more than 750 lines', () => {
    expect(() => buildInvoice(input([piece({ billedMs: 90_000 })]))).toThrow(RangeError);
    const many = Array.from({ length: 751 }, (_, i) => piece({ entryId: `e${i}`, itemId: '2', start: Date.UTC(2026, 11, 1) + i * HOUR }));
    const us = { customer: { id: 'c1', name: 'Acme', currency: 'USD', active: true, taxable: true, taxCodeId: '7', email: null, termId: null }, tax: { mode: 'us' as const, codes: [{ id: '7', name: 'Travis', percent: '8.25' }] }, layout: { grouping: 'perProject' as const, detail: 'entry' as const, descriptionTemplate: '{date}' } };
    expect(() => buildInvoice(input(many, us))).toThrow('at most 750 lines');
    expect(buildInvoice(input(many, { ...us, tax: { mode: 'none', codes: [] } })).lines).toHaveLength(751);
  });
});
