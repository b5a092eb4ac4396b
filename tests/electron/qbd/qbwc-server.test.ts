// The Web Connector's endpoint over real HTTP. The key check: node-soap, a standard SOAP stack
// nobody here wrote, reads our WSDL (Intuit's, served by us) and calls every callback through it,
// so our envelopes are what a SOAP client generates from Intuit's WSDL and parses back. Also: it
// listens on loopback only, and refuses wrong methods, content types, paths and oversized bodies.
import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import soap from 'soap';
import { afterEach, describe, expect, it } from 'vitest';
import { startQbwcServer, type QbwcServer } from '../../../electron/main/qbd/qbwc-server';
import { createQbwcService, type QbwcService } from '../../../electron/main/qbd/qbwc-service';
import { writeQbwcRequest } from '../../../electron/main/qbd/qbwc-soap';

const HCP = `<?xml version="1.0"?><QBXML><QBXMLMsgsRs><HostQueryRs requestID="0" statusCode="0" statusSeverity="Info" statusMessage="Status OK"><HostRet>
<ProductName>QuickBooks Pro 2024</ProductName><MajorVersion>34</MajorVersion><MinorVersion>0</MinorVersion><SupportedQBXMLVersion>16.0</SupportedQBXMLVersion>
</HostRet></HostQueryRs></QBXMLMsgsRs></QBXML>`;
const DOC = '<?xml version="1.0"?><?qbxml version="16.0"?><QBXML><QBXMLMsgsRq onError="continueOnError"><TimeTrackingDelRq requestID="1"><TxnDelType>TimeTracking</TxnDelType><TxnID>1A-2</TxnID></TimeTrackingDelRq></QBXMLMsgsRq></QBXML>';

function service(): QbwcService {
  const docs = [DOC, DOC];
  return createQbwcService({
    appVersion: 'Track Nexus 1.2.3',
    verify: async (user, password) => user === 'ann' && password === 'p&ss<word>',
    work: { pending: async () => docs.length > 0, next: async () => docs.shift() ?? null, answer: async (_t, r) => (typeof r === 'string' ? 50 : 0) },
    newTicket: () => '{7D0C2E5A-1B2C-4D5E-8F90-A1B2C3D4E5F6}',
    now: () => 0,
  });
}

let server: QbwcServer | undefined;
afterEach(async () => { await server?.close(); server = undefined; });
const start = async (maxBodyBytes?: number) => (server = await startQbwcServer(service(), { port: 0, path: '/qbwc', ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }) }));

describe('the Web Connector endpoint', () => {
  it('serves every callback to a standard SOAP client built from the WSDL it serves', async () => {
    const { url } = await start();
    const client = await soap.createClientAsync(`${url}?wsdl`);
    const call = async (method: string, args: object) => ((await client[`${method}Async`](args)) as [Record<string, unknown>])[0];

    expect(await call('serverVersion', {})).toEqual({ serverVersionResult: 'Track Nexus 1.2.3' });
    expect(await call('clientVersion', { strVersion: '2.3.0.215' })).toEqual({ clientVersionResult: '' });
    const auth = (await call('authenticate', { strUserName: 'ann', strPassword: 'p&ss<word>' })) as { authenticateResult: { string: unknown } };
    const ticket = '{7D0C2E5A-1B2C-4D5E-8F90-A1B2C3D4E5F6}';
    expect(auth.authenticateResult.string).toEqual([ticket, '']); // an array, the empty second item meaning "the open company file"
    const sent = await call('sendRequestXML', { ticket, strHCPResponse: HCP, strCompanyFileName: 'C:\\Books\\Ann & Co.qbw', qbXMLCountry: 'US', qbXMLMajorVers: 16, qbXMLMinorVers: 0 });
    expect(sent).toEqual({ sendRequestXMLResult: DOC });
    const received = await call('receiveResponseXML', { ticket, response: '<QBXML/>', hresult: '', message: '' });
    expect(received).toEqual({ receiveResponseXMLResult: 50 });
    expect(await call('getLastError', { ticket })).toEqual({ getLastErrorResult: 'No problems so far.' });
    expect(await call('closeConnection', { ticket })).toEqual({ closeConnectionResult: 'OK: sent 1 update to QuickBooks.' });
  });

  it('answers a wrong password with "nvu" through the same client', async () => {
    const { url } = await start();
    const client = await soap.createClientAsync(`${url}?wsdl`);
    const [auth] = (await client['authenticateAsync']({ strUserName: 'ann', strPassword: 'nope' })) as [{ authenticateResult: { string: string[] } }];
    expect(auth.authenticateResult.string).toEqual(['{7D0C2E5A-1B2C-4D5E-8F90-A1B2C3D4E5F6}', 'nvu']);
  });

  it('serves the WSDL with its address pointing at itself', async () => {
    const { url } = await start();
    const wsdl = await (await fetch(`${url}?wsdl`)).text();
    expect(wsdl).toContain(`<soap:address location="${url}" />`);
    expect(wsdl).toContain(`<soap12:address location="${url}" />`);
    expect(wsdl).not.toContain('test.developer.intuit.com');
  });

  it('listens on 127.0.0.1 only: there is no host option, and other addresses of this machine are refused', async () => {
    // @ts-expect-error: the options deliberately have no host to bind to
    const s = (server = await startQbwcServer(service(), { port: 0, path: '/qbwc', host: '0.0.0.0' }));
    const url = new URL(s.url);
    expect(url.hostname).toBe('127.0.0.1');
    const external = Object.values(networkInterfaces()).flat().find((i) => i !== undefined && i.family === 'IPv4' && !i.internal);
    if (external === undefined) return; // no network address on this machine to try
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect(Number(url.port), external.address);
      socket.once('connect', () => { socket.destroy(); resolve('connected'); });
      socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(outcome).toBe('ECONNREFUSED');
  });

  it('answers "localhost" on both loopbacks, since Windows may resolve it to ::1 first', async () => {
    const s = await start();
    const port = new URL(s.url).port;
    const hasV6 = Object.values(networkInterfaces()).flat().some((i) => i !== undefined && i.internal && i.family === 'IPv6');
    const v4 = await fetch(`http://127.0.0.1:${port}/qbwc?wsdl`);
    expect(v4.status).toBe(200);
    if (!hasV6) return; // this machine has no IPv6 loopback to answer on
    const v6 = await fetch(`http://[::1]:${port}/qbwc?wsdl`);
    expect(v6.status).toBe(200);
    expect(await v6.text()).toContain('authenticateResponse');
  });

  it.each([
    ['GET without ?wsdl', '/qbwc', { method: 'GET' }, 405],
    ['PUT', '/qbwc', { method: 'PUT', body: 'x', headers: { 'Content-Type': 'text/xml' } }, 405],
    ['JSON', '/qbwc', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } }, 415],
    ['another path', '/other', { method: 'POST', body: 'x', headers: { 'Content-Type': 'text/xml' } }, 404],
  ])('refuses %s', async (_, path, init, status) => {
    const { url } = await start();
    expect((await fetch(new URL(path, url), init)).status).toBe(status);
  });

  it('refuses a body over the limit with 413, announced or not', async () => {
    const { url } = await start(1000);
    const big = writeQbwcRequest({ method: 'getLastError', params: { ticket: 'x'.repeat(2000) } });
    expect((await fetch(url, { method: 'POST', body: big, headers: { 'Content-Type': 'text/xml' } })).status).toBe(413);
    const stream = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(big)); c.close(); } });
    const streamed = await fetch(url, { method: 'POST', body: stream, headers: { 'Content-Type': 'text/xml' }, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    const small = writeQbwcRequest({ method: 'getLastError', params: { ticket: 'x' } });
    expect((await fetch(url, { method: 'POST', body: small, headers: { 'Content-Type': 'text/xml; charset=utf-8' } })).status).toBe(200);
  });

  it('answers a call that is not the Web Connector’s with a SOAP Fault saying so', async () => {
    const { url } = await start();
    const body = '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><dropTables xmlns="http://developer.intuit.com/"/></soap:Body></soap:Envelope>';
    const res = await fetch(url, { method: 'POST', body, headers: { 'Content-Type': 'text/xml' } });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).toContain('<faultcode>soap:Client</faultcode>');
    expect(text).toMatch(/<faultstring>&quot;dropTables&quot; is not something the QuickBooks Web Connector asks/);
  });
});
