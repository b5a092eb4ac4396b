import { describe, expect, it } from 'vitest';
import { buildInvoice } from '../../../shared/invoice/build';
import { compareInvoice, invoiceStatus, type QboInvoiceLike } from '../../../shared/invoice/follow';
import { HOUR, input, piece } from './fixtures';

describe('invoiceStatus', () => {
  const today = '2026-12-10';
  it('reads QuickBooks fields the way a bookkeeper would', () => {
    expect(invoiceStatus({ TotalAmt: 0, Balance: 0, PrivateNote: 'Voided - Dec work' }, today)).toBe('voided');
    expect(invoiceStatus({ TotalAmt: 300, Balance: 300, voided: true }, today)).toBe('voided');
    expect(invoiceStatus({ TotalAmt: 300, Balance: 0, DueDate: '2026-12-01' }, today)).toBe('paid');
    expect(invoiceStatus({ TotalAmt: 300, Balance: 100, DueDate: '2026-12-01' }, today)).toBe('partlyPaid');
    expect(invoiceStatus({ TotalAmt: 300, Balance: 300, DueDate: '2026-12-09', EmailStatus: 'EmailSent' }, today)).toBe('overdue');
    expect(invoiceStatus({ TotalAmt: 300, Balance: 300, DueDate: '2026-12-10', EmailStatus: 'EmailSent' }, today)).toBe('sent');
    expect(invoiceStatus({ TotalAmt: 300, Balance: 300, DueDate: '2026-12-10', EmailStatus: 'NeedToSend' }, today)).toBe('draft');
    expect(invoiceStatus({ TotalAmt: 0, Balance: 0 }, today)).toBe('draft');
  });
});

describe('compareInvoice', () => {
  const draft = buildInvoice(input([
    piece({ entryId: 'a', timeActivityId: '101', billedMs: 2.5 * HOUR, date: '2026-12-03' }),
    piece({ entryId: 'b', timeActivityId: '102', projectId: 'app', projectName: 'App', taskId: null, taskName: null, date: '2026-12-04' }),
  ], { layout: { grouping: 'perClient', detail: 'taskDay', descriptionTemplate: '{project}{task? — task}, {date}' } }));
  const sent = draft.payload as QboInvoiceLike;
  // What QuickBooks returns: its own fields added, a subtotal line, numbers as it writes them.
  const subtotalLine = { DetailType: 'SubTotalLineDetail', Amount: 525, SubTotalLineDetail: {} };
  const asStored = (): QboInvoiceLike & Record<string, unknown> => ({
    ...structuredClone(sent),
    Id: '130', SyncToken: '0', TotalAmt: 525, Balance: 525, EmailStatus: 'NotSet', MetaData: { CreateTime: '2026-12-07T10:00:00-08:00' },
    CurrencyRef: { value: 'USD', name: 'United States Dollar' },
    Line: [...structuredClone(sent.Line!).map((l, i) => ({ ...l, Id: String(i + 1), LineNum: i + 1 })), subtotalLine],
  });

  it('finds nothing when QuickBooks only added its own fields', () => {
    expect(compareInvoice(sent, asStored(), 'USD')).toEqual({ differences: [], released: [] });
  });

  it('says in words which line changed and how, and releases time QuickBooks no longer links', () => {
    const stored = asStored();
    const design = stored.Line!.find((l) => l.Description === 'Website redesign — Design, 3 Dec 2026')!;
    Object.assign(design, { Amount: 300, SalesItemLineDetail: { ...design.SalesItemLineDetail, Qty: 2 } });
    delete design.LinkedTxn;
    expect(compareInvoice(sent, stored, 'USD')).toEqual({
      differences: [
        'Line 5 (Website redesign — Design, 3 Dec 2026): 2.5 h × $150.00 = $375.00 sent, 2 h × $150.00 = $300.00 in QuickBooks',
        'Line 5 (Website redesign — Design, 3 Dec 2026): QuickBooks no longer links time activity 101',
        'Lines add up to $525.00 sent, $450.00 in QuickBooks',
      ],
      released: ['101'],
    });
  });

  it('notices a removed line, an added line, another customer and another currency', () => {
    const stored = asStored();
    stored.Line = stored.Line!.filter((l) => !l.Description?.startsWith('App,'));
    stored.Line.push({ DetailType: 'SalesItemLineDetail', Amount: 50, Description: 'Travel', SalesItemLineDetail: { ItemRef: { value: '9' }, Qty: 1, UnitPrice: 50 } });
    stored.CustomerRef = { value: 'c2', name: 'Acme Holdings' };
    stored.CurrencyRef = { value: 'CAD' };
    const { differences, released } = compareInvoice(sent, stored, 'USD');
    expect(differences).toEqual([
      'Customer: c1 sent, Acme Holdings (c2) in QuickBooks',
      'Currency: USD sent, CAD in QuickBooks',
      'Line 2 (App, 4 Dec 2026): 1 h × $150.00 = $150.00 sent, no longer in QuickBooks',
      'A line was added in QuickBooks: Travel, 1 h × $50.00 = $50.00',
      'Lines add up to $525.00 sent, $425.00 in QuickBooks',
    ]);
    expect(released).toEqual(['102']);
  });
});
