// Payments back from QuickBooks in pure terms. Amounts read in the test locale (en-GB writes US$).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deletedWords, invoicePaid, paidWords, paymentFromQbo, unappliedByCustomer, unappliedWords, type SeenPayment } from '../../../shared/invoice/payments';
import { minorToDecimalNumber } from '../../../shared/qbo/decimal';

const payment = (qboId: string, applied: Array<[string, number]>, patch: Partial<SeenPayment> = {}): SeenPayment => ({
  qboId, customerId: '7', customerName: 'Acme Corp', txnDate: '2026-12-03', currency: 'USD',
  totalMinor: applied.reduce((s, [, a]) => s + a, 0), unappliedMinor: 0,
  applied: applied.map(([invoiceQboId, amountMinor]) => ({ invoiceQboId, amountMinor })), deleted: false, ...patch,
});

describe('a Payment as QuickBooks gives it', () => {
  it('reads what it pays per invoice and what it leaves unapplied, in minor units', () => {
    const seen = paymentFromQbo({
      Id: '90', SyncToken: '0', TxnDate: '2026-12-02', CustomerRef: { value: '7', name: 'Acme Corp' }, TotalAmt: 1500.1, UnappliedAmt: 300.1,
      Line: [{ Amount: 1000, LinkedTxn: [{ TxnId: '42', TxnType: 'Invoice' }] }, { Amount: 200, LinkedTxn: [{ TxnId: '43', TxnType: 'Invoice' }] }, { Amount: 5, LinkedTxn: [{ TxnId: '9', TxnType: 'CreditMemo' }] }],
    }, 'USD');
    expect(seen).toEqual({
      qboId: '90', customerId: '7', customerName: 'Acme Corp', txnDate: '2026-12-02', currency: 'USD', totalMinor: 150_010, unappliedMinor: 30_010,
      applied: [{ invoiceQboId: '42', amountMinor: 100_000 }, { invoiceQboId: '43', amountMinor: 20_000 }], deleted: false,
    });
  });

  it("takes the payment's own currency over the company's, and rounds extra digits half up", () => {
    const seen = paymentFromQbo({ Id: '91', SyncToken: '0', TxnDate: '2026-12-02', CustomerRef: { value: '8' }, TotalAmt: 1000.005, CurrencyRef: { value: 'JPY' } }, 'USD', 'Kyoto Ltd');
    expect(seen).toMatchObject({ currency: 'JPY', totalMinor: 1000, customerName: 'Kyoto Ltd' });
    expect(paymentFromQbo({ Id: '92', SyncToken: '0', CustomerRef: { value: '8' }, TotalAmt: 10.005 }, 'USD').totalMinor).toBe(1001);
  });
});

describe('how far an invoice is paid', () => {
  it("follows QuickBooks' Balance, and lists the payments applied to it, oldest first", () => {
    const payments = [payment('2', [['42', 70_000]], { txnDate: '2026-12-05' }), payment('1', [['42', 50_000], ['43', 10_000]], { txnDate: '2026-12-01' })];
    expect(invoicePaid({ Id: '42', TotalAmt: 1200, Balance: 0 }, 'USD', payments)).toEqual({
      state: 'paid', totalMinor: 120_000, paidMinor: 120_000, balanceMinor: 0, lastPaidOn: '2026-12-05',
      payments: [{ paymentQboId: '1', txnDate: '2026-12-01', amountMinor: 50_000 }, { paymentQboId: '2', txnDate: '2026-12-05', amountMinor: 70_000 }],
    });
    expect(invoicePaid({ Id: '42', TotalAmt: 1200, Balance: 700 }, 'USD', payments.slice(1))).toMatchObject({ state: 'partlyPaid', paidMinor: 50_000, balanceMinor: 70_000 });
    expect(invoicePaid({ Id: '42', TotalAmt: 1200, Balance: 1200 }, 'USD', [])).toMatchObject({ state: 'unpaid', paidMinor: 0 });
  });

  it('is never paid at 0 (a voided invoice), and a deleted payment pays nothing', () => {
    expect(invoicePaid({ Id: '42', TotalAmt: 0, Balance: 0 }, 'USD', []).state).toBe('unpaid');
    expect(invoicePaid({ Id: '42', TotalAmt: 500 }, 'USD', [payment('1', [['42', 50_000]], { deleted: true })])).toMatchObject({ state: 'unpaid', payments: [] });
  });

  // QuickBooks as a model: payments are applied up to the balance, deleted or changed; the Balance
  // it reports is the total less what the live payments apply.
  const op = fc.oneof(
    fc.record({ kind: fc.constant('apply' as const), share: fc.double({ min: 0, max: 1, noNaN: true }), extra: fc.nat(50_000) }),
    fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('change' as const), pick: fc.nat(), share: fc.double({ min: 0, max: 1, noNaN: true }) }),
  );

  it('any sequence of applying, changing and deleting payments keeps paid + balance = total', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 5_000_000 }), fc.constantFrom('USD', 'JPY', 'KWD'), fc.array(op, { maxLength: 25 }), (total, currency, ops) => {
      const payments: SeenPayment[] = [];
      const applied = () => payments.filter((p) => !p.deleted).reduce((s, p) => s + p.applied[0]!.amountMinor, 0);
      for (const [n, o] of ops.entries()) {
        const live = payments.filter((p) => !p.deleted);
        if (o.kind === 'apply') {
          const amount = Math.floor((total - applied()) * o.share);
          payments.push(payment(`p${n}`, [['42', amount]], { currency, unappliedMinor: o.extra, txnDate: `2026-12-${String(1 + (n % 28)).padStart(2, '0')}` }));
        } else if (live.length > 0) {
          const target = live[o.pick % live.length]!;
          if (o.kind === 'delete') target.deleted = true;
          else target.applied = [{ invoiceQboId: '42', amountMinor: Math.floor((total - applied() + target.applied[0]!.amountMinor) * o.share) }];
        }
        const balance = total - applied();
        for (const paid of [invoicePaid({ Id: '42', TotalAmt: minorToDecimalNumber(total, currency), Balance: minorToDecimalNumber(balance, currency) }, currency, payments), invoicePaid({ Id: '42', TotalAmt: minorToDecimalNumber(total, currency) }, currency, payments)]) {
          expect(paid.paidMinor + paid.balanceMinor).toBe(total);
          expect(paid.paidMinor).toBe(applied());
          expect(paid.payments.reduce((s, p) => s + p.amountMinor, 0)).toBe(applied());
          expect(paid.state).toBe(total === 0 || applied() === 0 ? 'unpaid' : balance === 0 ? 'paid' : 'partlyPaid');
        }
      }
    }));
  });
});

describe('money not applied to any invoice', () => {
  it('is summed per customer and currency from the live payments, oldest first', () => {
    const view = unappliedByCustomer([
      payment('3', [], { unappliedMinor: 30_000, txnDate: '2026-12-02' }),
      payment('4', [['42', 100]], { unappliedMinor: 5_000, txnDate: '2026-11-20' }),
      payment('5', [], { unappliedMinor: 9_999, deleted: true }),
      payment('6', [['43', 100]]),
      payment('7', [], { customerId: '8', customerName: 'Beta Bikes', unappliedMinor: 1_000 }),
    ]);
    expect(view).toEqual([
      { customerId: '7', customerName: 'Acme Corp', currency: 'USD', unappliedMinor: 35_000, payments: [{ paymentQboId: '4', txnDate: '2026-11-20', unappliedMinor: 5_000 }, { paymentQboId: '3', txnDate: '2026-12-02', unappliedMinor: 30_000 }] },
      { customerId: '8', customerName: 'Beta Bikes', currency: 'USD', unappliedMinor: 1_000, payments: [{ paymentQboId: '7', txnDate: '2026-12-03', unappliedMinor: 1_000 }] },
    ]);
  });
});

describe('in words', () => {
  it('says when an invoice was paid, or what is paid and what is still due by when', () => {
    const paid = invoicePaid({ Id: '42', TotalAmt: 1200, Balance: 0 }, 'USD', [payment('1', [['42', 120_000]])]);
    expect(paidWords(paid, 'USD', '2026-12-15', '2026-12-04')).toBe('Paid US$1,200.00 on 3 Dec 2026');
    const partly = invoicePaid({ Id: '42', TotalAmt: 1200, Balance: 700 }, 'USD', [payment('1', [['42', 50_000]])]);
    expect(paidWords(partly, 'USD', '2026-12-15', '2026-12-04')).toBe('Partly paid: US$500.00 of US$1,200.00, US$700.00 due 15 Dec');
    expect(paidWords(partly, 'USD', '2027-01-15', '2026-12-04')).toBe('Partly paid: US$500.00 of US$1,200.00, US$700.00 due 15 Jan 2027');
    expect(paidWords(invoicePaid({ Id: '42', TotalAmt: 1200, Balance: 1200 }, 'USD', []), 'USD', null, '2026-12-04')).toBeNull();
  });

  it('names unapplied and deleted payments as a bookkeeper would', () => {
    expect(unappliedWords('Acme Corp', { txnDate: '2026-12-02', unappliedMinor: 30_000 }, 'USD', '2026-12-04')).toBe('Acme Corp paid US$300.00 on 2 Dec that is not applied to any invoice — apply it in QuickBooks');
    const p = payment('1', [['42', 50_000]], { customerName: 'Acme' });
    expect(deletedWords(p, ['1042'])).toBe('Payment of US$500.00 from Acme was deleted in QuickBooks; invoice 1042 is open again');
    expect(deletedWords(p, ['1042', '1043', '1044'])).toBe('Payment of US$500.00 from Acme was deleted in QuickBooks; invoices 1042, 1043 and 1044 are open again');
    expect(deletedWords(p, [])).toBe('Payment of US$500.00 from Acme was deleted in QuickBooks');
  });
});
