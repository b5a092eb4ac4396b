// The simulated Web Connector driving the app's real Web Connector service over HTTP into the
// simulated company file: time entries arrive; a wrong password adds nothing; a connection dropped
// after QuickBooks applied a request leaves the app without the answer; QuickBooks closed or busy
// reaches the app through connectionError; a time entry edited in QuickBooks makes the app's change stale.
import { afterEach, describe, expect, it } from 'vitest';
import { startQbwcServer, type QbwcServer } from '../../../electron/main/qbd/qbwc-server';
import { createQbwcService, type QbwcFailure } from '../../../electron/main/qbd/qbwc-service';
import type { QbwcMethod } from '../../../electron/main/qbd/qbwc-soap';
import { createCompany } from '../../../electron/qbd-sim/company';
import { runWebConnectorSession } from '../../../electron/qbd-sim/qbwc';
import { qbxmlDocument, timeTrackingAddRq, timeTrackingModRq, type QbdTime } from '../../../shared/qbd/qbxml';

/** Every document here goes through Intuit's schema (0.3–0.5 s each); CI may run on a busy machine. */
const SCHEMA_TIMEOUT = 90_000;

const entry = (notes: string): QbdTime => ({
  txnDate: '2026-12-03', entity: { fullName: 'Emily Platt' }, customer: { fullName: 'Cool Cars:Showroom Landscaping' },
  item: { fullName: 'Design' }, minutes: 90, notes, billable: 'Billable',
});
const DOCS = [
  qbxmlDocument('16.0', [timeTrackingAddRq('1', entry('Morning'))]),
  qbxmlDocument('16.0', [timeTrackingAddRq('2', entry('Afternoon'))]),
];

/** The app's service on a real port, with a work port handing out DOCS and recording what came back. */
async function startApp(docs: readonly string[] = DOCS) {
  const answers: (string | QbwcFailure)[] = [];
  const calls: QbwcMethod[] = [];
  let handedOut = 0;
  const service = createQbwcService({
    appVersion: 'Track Nexus test',
    verify: async (user, password) => user === 'bookkeeper' && password === 'right',
    work: {
      pending: async () => handedOut < docs.length,
      next: async () => docs[handedOut++] ?? null,
      answer: async (_ticket, response) => {
        answers.push(response);
        return answers.length < docs.length ? 50 : 100;
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

describe('simulated Web Connector against the app', { timeout: SCHEMA_TIMEOUT }, () => {
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

  it('drops the connection after QuickBooks applied the first request that writes: the app never hears the answer', async () => {
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

  it.each([
    ['companyClosed', '0x80040408', 'Could not start QuickBooks.'],
    ['busy', '0x80040410', 'currently open in a mode other than'],
  ] as const)('%s: QuickBooks cannot be opened, so the app hears of it through connectionError, sends nothing and adds nothing', async (fault, hresult, words) => {
    const app = await startApp();
    const company = createCompany();
    const outcome = await runWebConnectorSession({ url: app.url, userName: 'bookkeeper', password: 'right', company, fault });
    expect(company.timeTracking()).toEqual([]);
    expect(app.answers).toEqual([]);
    expect(outcome).toMatchObject({ authenticated: '', requests: 0, closedWith: '' });
    expect(outcome.error).toContain(hresult);
    expect(outcome.error).toContain(words);
    // The app answers "done", so the Web Connector does not try again and ends the session there.
    expect(app.calls.slice(2)).toEqual(['authenticate', 'connectionError']);
  });

  it('staleEditSequence: after someone edits the time in QuickBooks, the app’s change at the old EditSequence is refused with 3200 and QuickBooks keeps the user’s edit', async () => {
    const company = createCompany();
    const first = await company.process(qbxmlDocument('16.0', [timeTrackingAddRq('1', entry('Morning'))]));
    const txnId = /<TxnID>([^<]+)<\/TxnID>/.exec(first)![1]!;
    const editSequence = /<EditSequence>([^<]+)<\/EditSequence>/.exec(first)![1]!;
    const mod = qbxmlDocument('16.0', [timeTrackingModRq('m', { txnId, editSequence }, entry('Morning, revised'))]);
    const app = await startApp([mod]);
    const outcome = await runWebConnectorSession({ url: app.url, userName: 'bookkeeper', password: 'right', company, fault: 'staleEditSequence' });
    expect(outcome.editedInQuickBooks).toBe(txnId);
    expect(app.answers).toHaveLength(1);
    expect(app.answers[0]).toContain('statusCode="3200"');
    const [kept] = company.timeTracking();
    expect(kept!.notes).toBe('Morning (changed in QuickBooks)');
    expect(kept!.editSequence).not.toBe(editSequence);
  });
});
