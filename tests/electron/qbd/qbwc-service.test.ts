// The Web Connector's call sequence against the service, with fake ports: who gets in, what is
// sent, how progress and failures are reported, and honest answers for sessions it does not know.
import { describe, expect, it } from 'vitest';
import { createQbwcService, type QbwcDeps, type QbwcEvent, type QbwcFailure, type QbwcWorkContext } from '../../../electron/main/qbd/qbwc-service';
import type { QbwcCall, QbwcResults } from '../../../electron/main/qbd/qbwc-soap';

const HCP = `<?xml version="1.0"?><QBXML><QBXMLMsgsRs>
<HostQueryRs requestID="0" statusCode="0" statusSeverity="Info" statusMessage="Status OK"><HostRet>
<ProductName>QuickBooks Pro 2024</ProductName><MajorVersion>34</MajorVersion><MinorVersion>0</MinorVersion>
<SupportedQBXMLVersion>13.0</SupportedQBXMLVersion><SupportedQBXMLVersion>16.0</SupportedQBXMLVersion><SupportedQBXMLVersion>2.0</SupportedQBXMLVersion>
</HostRet></HostQueryRs></QBXMLMsgsRs></QBXML>`;

/** A fake to-do list of qbXML documents; each answer moves the percentage on. */
function fakeWork(docs: string[], answerWith?: (r: string | QbwcFailure) => number) {
  const seen = { contexts: [] as QbwcWorkContext[], answers: [] as (string | QbwcFailure)[] };
  const queue = [...docs];
  const total = docs.length;
  const work: QbwcDeps['work'] = {
    pending: async () => queue.length > 0,
    next: async (_ticket, context) => { seen.contexts.push(context); return queue.shift() ?? null; },
    answer: async (_ticket, r) => { seen.answers.push(r); return answerWith?.(r) ?? (100 * seen.answers.length) / total; },
  };
  return { work, seen };
}

function setUp(work: QbwcDeps['work']) {
  const events: QbwcEvent[] = [];
  let n = 0;
  const service = createQbwcService({
    appVersion: 'Track Nexus 1.2.3',
    verify: async (user, password) => user === 'ann' && password === 'right',
    work,
    onEvent: (e) => events.push(e),
    newTicket: () => `ticket-${++n}`,
    now: () => 1_000,
  });
  const call = async <M extends QbwcCall['method']>(method: M, params: Extract<QbwcCall, { method: M }>['params']) =>
    (await service.handle({ method, params } as QbwcCall)).result as QbwcResults[M];
  const send = (ticket: string, hcp = '') =>
    call('sendRequestXML', { ticket, strHCPResponse: hcp, strCompanyFileName: 'C:\\Books\\Ann.qbw', qbXMLCountry: 'US', qbXMLMajorVers: 16, qbXMLMinorVers: 0 });
  const receive = (ticket: string, response: string, hresult = '', message = '') => call('receiveResponseXML', { ticket, response, hresult, message });
  return { call, send, receive, events };
}

describe('the Web Connector service', () => {
  it('gives its version and accepts any Web Connector version', async () => {
    const { call } = setUp(fakeWork([]).work);
    expect(await call('serverVersion', {})).toBe('Track Nexus 1.2.3');
    expect(await call('clientVersion', { strVersion: '2.3.0.215' })).toBe('');
  });

  it('answers "nvu" to a wrong user name or password, and that ticket opens nothing', async () => {
    const { call, send } = setUp(fakeWork(['<doc/>']).work);
    expect(await call('authenticate', { strUserName: 'ann', strPassword: 'wrong' })).toEqual(['ticket-1', 'nvu']);
    expect(await call('authenticate', { strUserName: 'bob', strPassword: 'right' })).toEqual(['ticket-2', 'nvu']);
    expect(await send('ticket-1', HCP)).toBe('');
    expect(await call('getLastError', { ticket: 'ticket-1' })).toMatch(/does not know this Web Connector session/);
  });

  it('answers "none" when there is nothing to send', async () => {
    const { call } = setUp(fakeWork([]).work);
    expect(await call('authenticate', { strUserName: 'ann', strPassword: 'right' })).toEqual(['ticket-1', 'none']);
    expect(await call('closeConnection', { ticket: 'ticket-1' })).toBe('OK: nothing to send to QuickBooks.');
  });

  it('sends two documents with 50% then 100%, telling the work which file and qbXML versions', async () => {
    const { work, seen } = fakeWork(['<first/>', '<second/>']);
    const { call, send, receive, events } = setUp(work);
    expect(await call('authenticate', { strUserName: 'ann', strPassword: 'right' })).toEqual(['ticket-1', '']);
    expect(await send('ticket-1', HCP)).toBe('<first/>');
    expect(await receive('ticket-1', '<answer1/>')).toBe(50);
    expect(await send('ticket-1')).toBe('<second/>');
    expect(await receive('ticket-1', '<answer2/>')).toBe(100);
    expect(seen.contexts).toEqual([0, 1].map(() => ({ companyFile: 'C:\\Books\\Ann.qbw', versions: ['2.0', '13.0', '16.0'] })));
    expect(seen.answers).toEqual(['<answer1/>', '<answer2/>']);
    expect(await call('closeConnection', { ticket: 'ticket-1' })).toBe('OK: sent 2 updates to QuickBooks.');
    expect(events.map((e) => e.method)).toEqual(['authenticate', 'sendRequestXML', 'receiveResponseXML', 'sendRequestXML', 'receiveResponseXML', 'closeConnection']);
    expect(events.every((e) => e.at === 1_000 && e.error === undefined)).toBe(true);
  });

  it('keeps percentages within 0–100 for the Web Connector', async () => {
    const { call, send, receive } = setUp(fakeWork(['<a/>', '<b/>'], () => 180).work);
    await call('authenticate', { strUserName: 'ann', strPassword: 'right' });
    await send('ticket-1', HCP);
    expect(await receive('ticket-1', '<r/>')).toBe(100);
  });

  it('reports a QuickBooks failure (hresult) as a negative number, then says what happened', async () => {
    const { work, seen } = fakeWork(['<first/>', '<second/>']);
    const { call, send, receive, events } = setUp(work);
    await call('authenticate', { strUserName: 'ann', strPassword: 'right' });
    await send('ticket-1', HCP);
    expect(await receive('ticket-1', '', '0x80040400', 'QuickBooks found an error when parsing the provided XML text stream.')).toBeLessThan(0);
    expect(seen.answers).toEqual([{ hresult: '0x80040400', message: 'QuickBooks found an error when parsing the provided XML text stream.' }]);
    const words = await call('getLastError', { ticket: 'ticket-1' });
    expect(words).toBe('QuickBooks could not process the update: QuickBooks found an error when parsing the provided XML text stream. (code 0x80040400).');
    expect(events.at(-2)?.error).toBe(words);
    expect(await call('closeConnection', { ticket: 'ticket-1' })).toBe(`Stopped after 1 update: ${words}`);
  });

  it('reports a problem the work raises in its own words, negative too', async () => {
    const { call, send, receive } = setUp(fakeWork(['<a/>'], () => { throw new Error('Ann’s customer “Cool Cars” is not in QuickBooks.'); }).work);
    await call('authenticate', { strUserName: 'ann', strPassword: 'right' });
    await send('ticket-1', HCP);
    expect(await receive('ticket-1', '<r/>')).toBe(-1);
    expect(await call('getLastError', { ticket: 'ticket-1' })).toBe('Ann’s customer “Cool Cars” is not in QuickBooks.');
  });

  it('sends "" when the work has nothing after all, and getLastError says so', async () => {
    const { call, send } = setUp({ pending: async () => true, next: async () => null, answer: async () => 100 });
    await call('authenticate', { strUserName: 'ann', strPassword: 'right' });
    expect(await send('ticket-1', HCP)).toBe('');
    expect(await call('getLastError', { ticket: 'ticket-1' })).toBe('Nothing more to send to QuickBooks.');
  });

  it('sends "" and explains when QuickBooks did not describe itself', async () => {
    const { call, send } = setUp(fakeWork(['<a/>']).work);
    await call('authenticate', { strUserName: 'ann', strPassword: 'right' });
    expect(await send('ticket-1', '<QBXML><QBXMLMsgsRs/></QBXML>')).toBe('');
    expect(await call('getLastError', { ticket: 'ticket-1' })).toMatch(/QuickBooks did not describe itself/);
  });

  it('stops on a connection error ("done") and keeps the reason', async () => {
    const { call } = setUp(fakeWork(['<a/>']).work);
    await call('authenticate', { strUserName: 'ann', strPassword: 'right' });
    expect(await call('connectionError', { ticket: 'ticket-1', hresult: '0x80040401', message: 'Could not access QuickBooks.' })).toBe('done');
    expect(await call('getLastError', { ticket: 'ticket-1' })).toBe('The Web Connector could not open QuickBooks: Could not access QuickBooks. (code 0x80040401).');
  });

  it('answers honestly for an unknown or closed ticket instead of failing', async () => {
    const { call, send, receive } = setUp(fakeWork(['<a/>']).work);
    await call('authenticate', { strUserName: 'ann', strPassword: 'right' });
    expect(await call('closeConnection', { ticket: 'ticket-1' })).toBe('OK: nothing to send to QuickBooks.');
    for (const ticket of ['ticket-1', 'made-up']) {
      expect(await send(ticket, HCP)).toBe('');
      expect(await receive(ticket, '<r/>')).toBe(-1);
      expect(await call('connectionError', { ticket, hresult: '1', message: 'x' })).toBe('done');
      expect(await call('getLastError', { ticket })).toMatch(/does not know this Web Connector session/);
      expect(await call('closeConnection', { ticket })).toMatch(/does not know this Web Connector session/);
    }
  });

  it('forgets a session the Web Connector left open for over an hour, keeping recent ones', async () => {
    let now = 0;
    let n = 0;
    const service = createQbwcService({
      appVersion: 'v', verify: async () => true, work: fakeWork(['<a/>']).work, newTicket: () => `ticket-${++n}`, now: () => now,
    });
    const lastError = async (ticket: string) => (await service.handle({ method: 'getLastError', params: { ticket } })).result;
    await service.handle({ method: 'authenticate', params: { strUserName: 'ann', strPassword: 'x' } });
    now = 30 * 60 * 1000;
    await service.handle({ method: 'authenticate', params: { strUserName: 'ann', strPassword: 'x' } });
    now = 61 * 60 * 1000;
    await service.handle({ method: 'authenticate', params: { strUserName: 'ann', strPassword: 'x' } });
    expect(await lastError('ticket-1')).toMatch(/does not know this Web Connector session/);
    expect(await lastError('ticket-2')).toBe('No problems so far.');
  });
});
