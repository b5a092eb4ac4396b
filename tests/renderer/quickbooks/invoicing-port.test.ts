// The port's invoicing calls: each is one qbo:* channel naming the company, the PDF comes back as
// the bytes QuickBooks sent, and failures become the same QboPortError kinds as every other call
// (auth → reconnect, network → resend with the same requestid, remote → QuickBooks' code as data).
import { describe, expect, it } from 'vitest';
import type { IpcResult } from '../../../shared/ipc/errors';
import { QboPortError } from '../../../renderer/src/features/quickbooks/engine/qbo-port';
import { fakeQboPort, ok } from './fake-port';

function recording(answer: (channel: string, request: unknown) => IpcResult<unknown>) {
  const calls: Array<[string, unknown]> = [];
  const port = fakeQboPort((channel, request) => {
    calls.push([channel, request]);
    return answer(channel, request);
  }, 'co-0000abcd');
  return { port, calls };
}

describe('the invoicing calls of ipcQboPort', () => {
  it('creates an invoice with its requestid and gives back the invoice and intuit_tid', async () => {
    const { port, calls } = recording(() => ok({ data: { Id: '130', SyncToken: '0', TotalAmt: 150 }, intuitTid: 'tid-1' }));
    const r = await port.createInvoice('req-1', { CustomerRef: { value: '1' }, Line: [] });
    expect(r).toEqual({ data: { Id: '130', SyncToken: '0', TotalAmt: 150 }, intuitTid: 'tid-1' });
    expect(calls).toEqual([['qbo:createInvoice', { companyId: 'co-0000abcd', requestId: 'req-1', body: { CustomerRef: { value: '1' }, Line: [] } }]]);
  });

  it('gives the PDF as the exact bytes QuickBooks sent', async () => {
    const bytes = Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x00, 0xff, 0x80]);
    const { port, calls } = recording(() => ok({ pdfBase64: Buffer.from(bytes).toString('base64') }));
    expect(await port.invoicePdf('130')).toEqual(bytes);
    expect(calls[0]).toEqual(['qbo:getInvoicePdf', { companyId: 'co-0000abcd', invoiceId: '130' }]);
  });

  it('sends, reads a rate and saves the e-mail message over their channels', async () => {
    const { port, calls } = recording((channel) => {
      if (channel === 'qbo:sendInvoice') return ok({ data: { Id: '130', SyncToken: '2', EmailStatus: 'EmailSent' } });
      if (channel === 'qbo:getExchangeRate') return ok({ rate: '1.0825', asOf: '2026-12-01' });
      return ok({ preferences: { EmailMessagesPrefs: { InvoiceMessage: { Subject: 's', Message: 'm' } } } });
    });
    expect((await port.sendInvoice('130', 'ap@cool-cars.example', 'req-2')).EmailStatus).toBe('EmailSent');
    expect(await port.exchangeRate('EUR', '2026-12-01')).toEqual({ rate: '1.0825', asOf: '2026-12-01' });
    expect(await port.saveInvoiceEmailMessage('s', 'm')).toEqual({ EmailMessagesPrefs: { InvoiceMessage: { Subject: 's', Message: 'm' } } });
    expect(calls.map(([c, r]) => [c, r])).toEqual([
      ['qbo:sendInvoice', { companyId: 'co-0000abcd', invoiceId: '130', sendTo: 'ap@cool-cars.example', requestId: 'req-2' }],
      ['qbo:getExchangeRate', { companyId: 'co-0000abcd', currency: 'EUR', asOf: '2026-12-01' }],
      ['qbo:saveInvoiceEmailMessage', { companyId: 'co-0000abcd', subject: 's', message: 'm' }],
    ]);
  });

  it('maps failures to the port error kinds, with QuickBooks code and intuit_tid as data', async () => {
    const fail = (error: Extract<IpcResult<unknown>, { ok: false }>['error']) => recording(() => ({ ok: false, error })).port;
    const auth = await fail({ kind: 'auth', message: 'Reconnect QuickBooks', retryable: false }).createInvoice('r', {}).catch((e: unknown) => e);
    expect(auth).toMatchObject({ kind: 'auth', details: { status: 401, code: '3200' } });
    const dropped = await fail({ kind: 'network', message: 'dropped', retryable: true }).sendInvoice('1', 'a@b.example', 'r').catch((e: unknown) => e);
    expect(dropped).toMatchObject({ kind: 'network' });
    const closed = await fail({ kind: 'remote', message: 'Account period closed', retryable: false, remote: { status: 400, code: '6200', intuitTid: 'tid-9' } })
      .createInvoice('r', {})
      .catch((e: unknown) => e);
    expect(closed).toBeInstanceOf(QboPortError);
    expect(closed).toMatchObject({ kind: 'remote', details: { status: 400, code: '6200', intuitTid: 'tid-9' } });
    const notPdf = await fail({ kind: 'remote', message: 'QuickBooks did not send a PDF for invoice 1.', retryable: false, remote: { status: 200 } }).invoicePdf('1').catch((e: unknown) => e);
    expect(notPdf).toMatchObject({ kind: 'remote', message: 'QuickBooks did not send a PDF for invoice 1.' });
  });

  it('refuses an invoice answer without an Id', async () => {
    const { port } = recording(() => ok({ data: {}, intuitTid: null }));
    await expect(port.createInvoice('r', {})).rejects.toMatchObject({ kind: 'other', message: expect.stringMatching(/Invoice without an Id/) });
  });
});
