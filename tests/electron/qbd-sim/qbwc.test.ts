// The simulated Web Connector driving the app's real Web Connector service over HTTP into the
// simulated company file: time entries arrive; a wrong password adds nothing; a connection dropped
// after QuickBooks applied a request leaves the app without the answer; QuickBooks not starting
// reaches the app as an hresult failure.
import { afterEach, describe, expect, it } from 'vitest';
import { startQbwcServer, type QbwcServer } from '../../../electron/main/qbd/qbwc-server';
import { createQbwcService, type QbwcFailure } from '../../../electron/main/qbd/qbwc-service';
import type { QbwcMethod } from '../../../electron/main/qbd/qbwc-soap';
import { createCompany } from '../../../electron/qbd-sim/company';
import { runWebConnectorSession } from '../../../electron/qbd-sim/qbwc';
import { qbxmlDocument, timeTrackingAddRq, type QbdTime } from '../../../shared/qbd/qbxml';

const entry = (notes: string): QbdTime => ({
  txnDate: '2026-12-03', entity: { fullName: 'Emily Platt' }, customer: { fullName: 'Cool Cars:Showroom Landscaping' },
  item: { fullName: 'Design' }, currency: 'USD', minutes: 90, notes, billable: 'Billable',
});
const DOCS = [
  qbxmlDocument('16.0', [timeTrackingAddRq('1', entry('Morning'))]),
  qbxmlDocument('16.0', [timeTrackingAddRq('2', entry('Afternoon'))]),
];

/** The app's service on a real port, with a work port handing out DOCS and recording what came back. */
async function startApp() {
  const answers: (string | QbwcFailure)[] = [];
  const calls: QbwcMethod[] = [];
  let handedOut = 0;
  const service = createQbwcService({
    appVersion: 'Track Nexus test',
    verify: async (user, password) => user === 'bookkeeper' && password === 'right',
    work: {
      pending: async () => handedOut < DOCS.length,
      next: async () => DOCS[handedOut++] ?? null,
      answer: async (_ticket, response) => {
        answers.push(response);
        return answers.length === 1 ? 50 : 100;
      },
    },
    onEvent: (e) => calls.push(e.method),
    newTicket: () => crypto.randomUUID(),
    now: () => Date.now(),
  });
  const server = await startQbwcServer(service, { port: 0, path: '/qbwc' });
  servers.push(server);
  return { url: server.url, answers, calls };
}

const servers: QbwcServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('simulated Web Connector against the app', () => {
  it('brings both time entries into the company file and closes cleanly', async () => {
    const app = await startApp();
    const company = createCompany();
    const outcome = await runWebConnectorSession({ url: app.url, userName: 'bookkeeper', password: 'right', company });
    expect(outcome).toEqual({ authenticated: '', requests: 2, closedWith: 'OK: sent 2 updates to QuickBooks.' });
    expect(company.timeTracking().map((t) => t.notes)).toEqual(['Morning', 'Afternoon']);
    expect(app.answers).toHaveLength(2);
    expect(app.answers.every((a) => typeof a === 'string' && a.includes('statusCode="0"'))).toBe(true);
    expect(app.calls.at(-1)).toBe('closeConnection');
  });

  it('stops at a wrong password with nothing added', async () => {
    const app = await startApp();
    const company = createCompany();
    const outcome = await runWebConnectorSession({ url: app.url, userName: 'bookkeeper', password: 'wrong', company });
    expect(outcome).toEqual({ authenticated: 'nvu', requests: 0, closedWith: '' });
    expect(company.timeTracking()).toEqual([]);
    expect(app.calls).not.toContain('sendRequestXML');
  });

  it('drops the connection after QuickBooks applied the first request: the app never hears the answer', async () => {
    const app = await startApp();
    const company = createCompany();
    const outcome = await runWebConnectorSession({ url: app.url, userName: 'bookkeeper', password: 'right', company, fault: 'dropAfterApply' });
    expect(outcome.requests).toBe(1);
    expect(outcome.error).toContain('0x80072EFF');
    expect(company.timeTracking().map((t) => t.notes)).toEqual(['Morning']);
    expect(app.answers).toEqual([]);
    expect(app.calls).toContain('connectionError');
    expect(app.calls).not.toContain('receiveResponseXML');
  });

  it('passes "QuickBooks could not start" to the app as an hresult, with nothing added', async () => {
    const app = await startApp();
    const company = createCompany();
    const outcome = await runWebConnectorSession({ url: app.url, userName: 'bookkeeper', password: 'right', company, fault: 'companyClosed' });
    expect(company.timeTracking()).toEqual([]);
    expect(app.answers).toEqual([{ hresult: '0x80040408', message: 'Could not start QuickBooks.' }]);
    expect(outcome.error).toContain('Could not start QuickBooks.');
    expect(outcome.closedWith).toMatch(/^Stopped after 1 update: /);
    expect(app.calls.slice(-2)).toEqual(['getLastError', 'closeConnection']);
  });
});
