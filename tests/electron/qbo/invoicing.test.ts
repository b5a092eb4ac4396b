// The QuickBooks calls invoicing makes, from the IPC channel through main's client to the local
// sandbox and back: an invoice created exactly once with its requestid (also across a token
// refresh), its PDF, e-mailing it to an address that is checked before anything is sent, and the
// generic reads working for invoices, terms and tax codes, the exchange rate and the invoice e-mail
// message. What the sandbox never does (a body that is not a PDF, a stale preferences SyncToken) is
// answered by a small stand-in for QuickBooks in front of it, shaped as qbo-api.md §3.8 and §8 document.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IpcRouter } from '../../../electron/main/ipc/router';
import { registerQboDataHandlers } from '../../../electron/main/qbo/handlers';
import { createQboClient } from '../../../electron/main/qbo/qbo-client';
import { RateLimiterRegistry } from '../../../electron/main/qbo/rate-limiter';
import type { TokenKeeper } from '../../../electron/main/qbo/token-keeper';
import { invokeContract, type InvokeChannel } from '../../../shared/ipc/contract';
import type { IpcResult } from '../../../shared/ipc/errors';
import { connectedKeeper, control, startRecordingProxy, startTestSandbox } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

let dir: string;
let keeper: TokenKeeper;
const sandbox = useSandbox(() => startTestSandbox());
const proxy = useSandbox(() => startRecordingProxy(sandbox.url));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tn-invoicing-'));
  ({ keeper } = await connectedKeeper(sandbox, proxy.url, dir));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Main's data channels over a client at `base`, called as the renderer calls them (responses held to the contract). */
function mainAt(base: string) {
  const router = new IpcRouter();
  // A fiftieth of a minute keeps the back-off after a 503 short while still going through it.
  const limiters = new RateLimiterRegistry({ timeScale: 50 });
  registerQboDataHandlers(router, () => createQboClient({ apiBase: () => base, tokens: keeper, limiters }));
  return async (channel: InvokeChannel, payload: unknown): Promise<IpcResult<Record<string, unknown>>> => {
    const result = (await router.dispatch(channel, payload)) as IpcResult<Record<string, unknown>>;
    if (result.ok) invokeContract[channel].response.parse(result.value);
    return result;
  };
}

const value = <T>(r: IpcResult<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value as T;
};

async function invoiceBody(call: ReturnType<typeof mainAt>) {
  const customers = value<{ items: Array<{ Id: string; Job?: boolean }> }>(await call('qbo:queryAll', { companyId: 'primary', entity: 'Customer' })).items;
  const items = value<{ items: Array<{ Id: string; IncomeAccountRef?: unknown }> }>(await call('qbo:queryAll', { companyId: 'primary', entity: 'Item', where: "Type = 'Service'" })).items.filter((i) => i.IncomeAccountRef);
  return {
    CustomerRef: { value: customers[0]!.Id },
    Line: [{ DetailType: 'SalesItemLineDetail', Amount: 150, Description: 'Design, 1:30 h', SalesItemLineDetail: { ItemRef: { value: items[0]!.Id }, Qty: 1.5, UnitPrice: 100 } }],
  };
}

describe('against the sandbox', () => {
  it('creates an invoice once: a resend with the same requestid answers the same invoice', async () => {
    const call = mainAt(proxy.url);
    const body = await invoiceBody(call);
    const requestId = randomUUID();
    const first = value<{ data: { Id: string; TotalAmt: number }; intuitTid: string | null }>(await call('qbo:createInvoice', { companyId: 'primary', requestId, body }));
    const again = value<{ data: { Id: string } }>(await call('qbo:createInvoice', { companyId: 'primary', requestId, body }));
    expect(again.data.Id).toBe(first.data.Id);
    expect(first.data.TotalAmt).toBe(150);
    const mine = value<{ items: unknown[] }>(await call('qbo:queryAll', { companyId: 'primary', entity: 'Invoice', where: `Id = '${first.data.Id}'` })).items;
    expect(mine).toHaveLength(1);
  });

  it('refreshes an expired token once and resends the invoice with the same requestid', async () => {
    const call = mainAt(proxy.url);
    const body = await invoiceBody(call);
    await control(sandbox, 'faults', { expireAccessTokens: true });
    const requestId = randomUUID();
    const before = proxy.records.length;
    const created = value<{ data: { Id: string } }>(await call('qbo:createInvoice', { companyId: 'primary', requestId, body }));
    const posts = proxy.records.slice(before).filter((r) => r.method === 'POST' && r.path.endsWith('/invoice'));
    expect(posts.map((r) => r.status)).toEqual([401, 200]);
    expect(posts.map((r) => r.search.get('requestid'))).toEqual([requestId, requestId]);
    expect(proxy.tokenCalls()).toBeGreaterThan(0);
    expect(created.data.Id).toBeTruthy();
  });

  it('makes no second invoice when the answer was lost after QuickBooks wrote it and the same requestid is sent again', async () => {
    const call = mainAt(proxy.url);
    const body = await invoiceBody(call);
    const count = async () => Number(value<{ items: unknown[] }>(await call('qbo:queryAll', { companyId: 'primary', entity: 'Invoice' })).items.length);
    const before = await count();
    const requestId = randomUUID();
    await control(sandbox, 'faults', { dropAfterCommitRate: 1 });
    const lost = await call('qbo:createInvoice', { companyId: 'primary', requestId, body });
    await control(sandbox, 'faults', { dropAfterCommitRate: 0 });
    expect(lost).toMatchObject({ ok: false, error: { kind: 'network', retryable: true } });
    const resent = value<{ data: { Id: string } }>(await call('qbo:createInvoice', { companyId: 'primary', requestId, body }));
    expect(resent.data.Id).toBeTruthy();
    expect(await count()).toBe(before + 1);
  });

  it('backs off after 503s and resends with the same requestid, one invoice each', async () => {
    const call = mainAt(proxy.url);
    const body = await invoiceBody(call);
    const count = async () => Number(value<{ items: unknown[] }>(await call('qbo:queryAll', { companyId: 'primary', entity: 'Invoice' })).items.length);
    const before = await count();
    const from = proxy.records.length;
    await control(sandbox, 'faults', { errorRate: 0.5, seed: 7 });
    try {
      for (let i = 0; i < 4; i++) value(await call('qbo:createInvoice', { companyId: 'primary', requestId: randomUUID(), body }));
    } finally {
      await control(sandbox, 'faults', { errorRate: 0 });
    }
    const posts = proxy.records.slice(from).filter((r) => r.method === 'POST' && r.path.endsWith('/invoice'));
    expect(posts.some((r) => r.status === 503)).toBe(true);
    // Every 503 was followed by the same request again (same requestid), until it was answered.
    expect(new Set(posts.map((r) => r.search.get('requestid'))).size).toBe(4);
    expect(await count()).toBe(before + 4);
  });

  it("gives the invoice's PDF as QuickBooks renders it", async () => {
    const call = mainAt(proxy.url);
    const { data } = value<{ data: { Id: string } }>(await call('qbo:createInvoice', { companyId: 'primary', requestId: randomUUID(), body: await invoiceBody(call) }));
    const { pdfBase64 } = value<{ pdfBase64: string }>(await call('qbo:getInvoicePdf', { companyId: 'primary', invoiceId: data.Id }));
    expect(Buffer.from(pdfBase64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('e-mails the invoice to the address given, URL-encoded (a + stays a +), and says it was sent', async () => {
    const call = mainAt(proxy.url);
    const { data } = value<{ data: { Id: string } }>(await call('qbo:createInvoice', { companyId: 'primary', requestId: randomUUID(), body: await invoiceBody(call) }));
    const sent = value<{ data: { EmailStatus: string; BillEmail: { Address: string }; DeliveryInfo: { DeliveryType: string } } }>(
      await call('qbo:sendInvoice', { companyId: 'primary', invoiceId: data.Id, sendTo: 'ap+invoices@cool-cars.example', requestId: randomUUID() }),
    );
    expect(sent.data).toMatchObject({ EmailStatus: 'EmailSent', BillEmail: { Address: 'ap+invoices@cool-cars.example' }, DeliveryInfo: { DeliveryType: 'Email' } });
  });

  it('refuses a malformed e-mail address before anything reaches QuickBooks', async () => {
    const call = mainAt(proxy.url);
    const before = proxy.apiCalls().length;
    for (const sendTo of ['ap at cool-cars.example', 'ap@', '', 'a@b.example\r\nBcc: x@y.example']) {
      const r = await call('qbo:sendInvoice', { companyId: 'primary', invoiceId: '1', sendTo, requestId: randomUUID() });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ kind: 'validation', field: ['sendTo'] });
    }
    expect(proxy.apiCalls().length).toBe(before);
  });

  it('reads invoices, their changes and tax codes through the generic calls', async () => {
    const call = mainAt(proxy.url);
    const since = new Date(Date.now() - 60_000).toISOString();
    const { data } = value<{ data: { Id: string } }>(await call('qbo:createInvoice', { companyId: 'primary', requestId: randomUUID(), body: await invoiceBody(call) }));
    expect(value<{ data: { Id: string } }>(await call('qbo:readEntity', { companyId: 'primary', entity: 'Invoice', id: data.Id })).data.Id).toBe(data.Id);
    const changes = value<{ changes: Record<string, Array<{ Id: string }>> }>(await call('qbo:getChanges', { companyId: 'primary', entities: ['Invoice'], changedSince: since })).changes;
    expect(changes['Invoice']?.some((i) => i.Id === data.Id)).toBe(true);
    const codes = value<{ items: Array<{ Name: string }> }>(await call('qbo:queryAll', { companyId: 'primary', entity: 'TaxCode', where: 'Active IN (true, false)' })).items;
    expect(codes.map((c) => c.Name)).toEqual(expect.arrayContaining(['TAX', 'NON']));
  });

  it('reads Term and TaxRate lists through qbo:queryAll and qbo:readEntity', async () => {
    const call = mainAt(proxy.url);
    const terms = value<{ items: Array<{ Id: string; Name: string; DueDays?: number }> }>(await call('qbo:queryAll', { companyId: 'primary', entity: 'Term' })).items;
    expect(terms.find((t) => t.Name === 'Net 30')?.DueDays).toBe(30);
    const rates = value<{ items: Array<{ Id: string; RateValue: number }> }>(await call('qbo:queryAll', { companyId: 'primary', entity: 'TaxRate' })).items;
    expect(rates.length).toBeGreaterThan(0);
    const one = value<{ data: { Id: string; RateValue: number } }>(await call('qbo:readEntity', { companyId: 'primary', entity: 'TaxRate', id: rates[0]!.Id })).data;
    expect(one.RateValue).toBe(rates[0]!.RateValue);
  });

  it('reads the exchange rate the multicurrency sandbox holds for EUR on a date, and says so when multicurrency is off', async () => {
    const call = mainAt(proxy.url);
    const home = await call('qbo:getExchangeRate', { companyId: 'primary', currency: 'EUR', asOf: '2026-11-30' });
    expect(home.ok).toBe(false);
    await control(sandbox, 'reset', { variant: 'multicurrency' });
    try {
      expect(value<{ rate: string; asOf: string }>(await call('qbo:getExchangeRate', { companyId: 'primary', currency: 'EUR', asOf: '2026-11-30' }))).toEqual({ rate: '1.08', asOf: '2026-11-30' });
    } finally {
      await control(sandbox, 'reset');
    }
  });

  it('saves the invoice e-mail message into the sandbox preferences and reads it back', async () => {
    const call = mainAt(proxy.url);
    await call('qbo:saveInvoiceEmailMessage', { companyId: 'primary', subject: 'Your invoice [Invoice No.]', message: 'Thank you for your business.' });
    const prefs = value<{ preferences: { EmailMessagesPrefs?: { InvoiceMessage?: { Subject?: string; Message?: string } } } }>(await call('qbo:getCompany', { companyId: 'primary' })).preferences;
    expect(prefs.EmailMessagesPrefs?.InvoiceMessage).toMatchObject({ Subject: 'Your invoice [Invoice No.]', Message: 'Thank you for your business.' });
  });
});

// ---- A stand-in for QuickBooks where the sandbox never answers so -----------------------------

interface Seen {
  method: string;
  url: URL;
  contentType: string | undefined;
  accept: string | undefined;
  body: string;
}

function standIn(answer: (req: Seen) => { status: number; type: string; body: string | Buffer }) {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const s: Seen = { method: req.method ?? 'GET', url: new URL(req.url ?? '/', 'http://stand-in'), contentType: req.headers['content-type'], accept: req.headers.accept, body };
      seen.push(s);
      const a = answer(s);
      res.writeHead(a.status, { 'content-type': a.type, intuit_tid: 'tid-stand-in' });
      res.end(a.body);
    });
  });
  return {
    seen,
    start: () => new Promise<string>((r) => server.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

const json = (body: unknown, status = 200) => ({ status, type: 'application/json', body: JSON.stringify(body) });
const stale = json({ Fault: { Error: [{ Message: 'Stale Object Error', Detail: 'Stale Object Error : You and API API were working on this at the same time.', code: '5010', element: '' }], type: 'ValidationFault' } }, 400);

describe('against a stand-in for QuickBooks', () => {
  it('refuses an answer that is not a PDF, in words, without retrying', async () => {
    const stub = standIn(() => ({ status: 200, type: 'text/html', body: '<html>Sign in to QuickBooks</html>' }));
    const call = mainAt(await stub.start());
    try {
      const r = await call('qbo:getInvoicePdf', { companyId: 'primary', invoiceId: '130' });
      expect(r).toMatchObject({ ok: false, error: { kind: 'remote', retryable: false } });
      if (!r.ok) expect(r.error.message).toMatch(/QuickBooks did not send a PDF for invoice 130/);
      expect(stub.seen).toHaveLength(1);
      expect(stub.seen[0]!.url.pathname).toMatch(/\/invoice\/130\/pdf$/);
      expect(stub.seen[0]!.accept).toBe('application/pdf');
    } finally {
      await stub.close();
    }
  });

  it('refuses a PDF larger than 20 MB', async () => {
    const huge = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(20 * 1024 * 1024)]);
    const stub = standIn(() => ({ status: 200, type: 'application/pdf', body: huge }));
    const call = mainAt(await stub.start());
    try {
      const r = await call('qbo:getInvoicePdf', { companyId: 'primary', invoiceId: '7' });
      expect(r).toMatchObject({ ok: false, error: { kind: 'remote', retryable: false } });
      if (!r.ok) expect(r.error.message).toMatch(/more than 20 MB/);
    } finally {
      await stub.close();
    }
  });

  it('sends an invoice as octet-stream with sendTo URL-encoded and the requestid', async () => {
    const stub = standIn((s) => json({ Invoice: { Id: '42', SyncToken: '1', EmailStatus: 'EmailSent', BillEmail: { Address: s.url.searchParams.get('sendTo') } } }));
    const call = mainAt(await stub.start());
    try {
      const requestId = randomUUID();
      const r = value<{ data: Record<string, unknown> }>(await call('qbo:sendInvoice', { companyId: 'primary', invoiceId: '42', sendTo: ' ap+x@cool-cars.example ', requestId }));
      expect(r.data['BillEmail']).toEqual({ Address: 'ap+x@cool-cars.example' });
      const s = stub.seen[0]!;
      expect(s.method).toBe('POST');
      expect(s.url.pathname).toMatch(/\/invoice\/42\/send$/);
      expect(s.url.search).toContain('sendTo=ap%2Bx%40cool-cars.example');
      expect(s.url.searchParams.get('requestid')).toBe(requestId);
      expect(s.contentType).toBe('application/octet-stream');
    } finally {
      await stub.close();
    }
  });

  it('reads the exchange rate as the decimal QuickBooks sent, for the currency and date asked', async () => {
    const stub = standIn(() => json({ ExchangeRate: { SourceCurrencyCode: 'EUR', TargetCurrencyCode: 'USD', Rate: 1.0825, AsOfDate: '2026-12-01', SyncToken: '0' } }));
    const call = mainAt(await stub.start());
    try {
      expect(value(await call('qbo:getExchangeRate', { companyId: 'primary', currency: 'EUR', asOf: '2026-12-01' }))).toEqual({ rate: '1.0825', asOf: '2026-12-01' });
      expect(stub.seen[0]!.url.pathname).toMatch(/\/exchangerate$/);
      expect(Object.fromEntries(stub.seen[0]!.url.searchParams)).toMatchObject({ sourcecurrencycode: 'EUR', asofdate: '2026-12-01' });
      const bad = await call('qbo:getExchangeRate', { companyId: 'primary', currency: 'euro', asOf: '1 Dec' });
      expect(bad).toMatchObject({ ok: false, error: { kind: 'validation' } });
    } finally {
      await stub.close();
    }
  });

  it('saves the invoice e-mail message as a sparse update, reading the SyncToken again once after a stale one', async () => {
    let token = 3;
    let posts = 0;
    const stub = standIn((s) => {
      if (s.method === 'GET') return json({ Preferences: { Id: '1', SyncToken: String(token) } });
      posts++;
      if (posts === 1) {
        token++; // someone saved the preferences in between
        return stale;
      }
      const body = JSON.parse(s.body) as Record<string, unknown>;
      return json({ Preferences: { Id: '1', SyncToken: String(token + 1), EmailMessagesPrefs: body['EmailMessagesPrefs'] } });
    });
    const call = mainAt(await stub.start());
    try {
      const r = value<{ preferences: Record<string, unknown> }>(await call('qbo:saveInvoiceEmailMessage', { companyId: 'primary', subject: 'Invoice {number}', message: 'Thank you for your business.' }));
      expect(r.preferences['EmailMessagesPrefs']).toEqual({ InvoiceMessage: { Subject: 'Invoice {number}', Message: 'Thank you for your business.' } });
      const sent = stub.seen.filter((s) => s.method === 'POST').map((s) => JSON.parse(s.body) as Record<string, unknown>);
      expect(sent.map((b) => b['SyncToken'])).toEqual(['3', '4']);
      expect(sent[1]).toMatchObject({ Id: '1', sparse: true });
    } finally {
      await stub.close();
    }
  });

  it('gives up after a second stale SyncToken with the fault', async () => {
    const stub = standIn((s) => (s.method === 'GET' ? json({ Preferences: { Id: '1', SyncToken: '9' } }) : stale));
    const call = mainAt(await stub.start());
    try {
      const r = await call('qbo:saveInvoiceEmailMessage', { companyId: 'primary', subject: 's', message: 'm' });
      expect(r).toMatchObject({ ok: false, error: { kind: 'remote', remote: { code: '5010' } } });
      expect(stub.seen.filter((s) => s.method === 'POST')).toHaveLength(2);
    } finally {
      await stub.close();
    }
  });
});
