// A Desktop company behind the app's real Web Connector service on a loopback port, played by the
// simulated Web Connector over HTTP: the engine's batch reaches the company file in one scheduled
// update, and what the QuickBooks screen shows (last call, last update, last error) follows along.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDesktopCompany, type DesktopCompany } from '../../../electron/main/qbd/desktop-company';
import { startQbwcServer, type QbwcServer } from '../../../electron/main/qbd/qbwc-server';
import { createQbwcService } from '../../../electron/main/qbd/qbwc-service';
import { createCompany, type Company } from '../../../electron/qbd-sim/company';
import { runWebConnectorSession, type WebConnectorFault } from '../../../electron/qbd-sim/qbwc';

/** Every document here goes through Intuit's schema (0.3–0.5 s each); CI may run on a busy machine. */
const SCHEMA_TIMEOUT = 90_000;

const servers: QbwcServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function startApp(): Promise<{ url: string; desktop: DesktopCompany }> {
  let clock = Date.parse('2026-12-04T09:00:00Z');
  const now = () => (clock += 1000);
  const file = join(await mkdtemp(join(tmpdir(), 'qbd-e2e-')), 'desktop.json');
  const desktop = await openDesktopCompany({ file, name: 'Cool Cars', now, onChange: () => undefined });
  const service = createQbwcService({
    appVersion: 'Track Nexus test', verify: async (u, p) => u === 'bookkeeper' && p === 'right', work: desktop.work,
    onEvent: (e) => desktop.noteEvent(e), newTicket: () => crypto.randomUUID(), now,
  });
  const server = await startQbwcServer(service, { port: 0, path: '/qbwc' });
  servers.push(server);
  return { url: server.url, desktop };
}

const entry = (qb: Company) => ({
  bId: '1', operation: 'create' as const, entity: 'TimeActivity',
  body: { TxnDate: '2026-12-03', NameOf: 'Employee', EmployeeRef: { value: qb.names('Employee')[0]!.listId }, Hours: 1, Minutes: 30, BillableStatus: 'NotBillable', Description: 'Plans' },
});

describe('a Desktop company through the Web Connector', { timeout: SCHEMA_TIMEOUT }, () => {
  it('takes a queued batch to the company file in one update and answers the resend from the journal', async () => {
    const { url, desktop } = await startApp();
    const qb = createCompany();
    await expect(desktop.client.batch([entry(qb)], 'req-1')).rejects.toMatchObject({ kind: 'network' });
    const outcome = await runWebConnectorSession({ url, userName: 'bookkeeper', password: 'right', company: qb });
    expect(outcome.closedWith).toMatch(/^OK: sent \d+ updates to QuickBooks\.$/);
    expect(qb.timeTracking().map((t) => t.notes)).toEqual(['Plans']);
    expect((await desktop.client.batch([entry(qb)], 'req-1')).items[0]).toMatchObject({ fault: null, data: { Description: 'Plans', Hours: 1, Minutes: 30 } });
    expect(desktop.summary()).toMatchObject({ pending: 0, qbxmlVersion: '9.0' });
    expect(desktop.summary().lastUpdateEndedAt).not.toBeNull();
  });

  it('a closed company file stops the update with words on the screen, and nothing is lost for the next one', async () => {
    const { url, desktop } = await startApp();
    const qb = createCompany();
    await expect(desktop.client.batch([entry(qb)], 'req-1')).rejects.toMatchObject({ kind: 'network' });
    await runWebConnectorSession({ url, userName: 'bookkeeper', password: 'right', company: qb, fault: 'companyClosed' });
    expect(desktop.summary().lastError).toMatch(/could not open QuickBooks: Could not start QuickBooks/);
    expect(desktop.summary().pending).toBe(1);
    await runWebConnectorSession({ url, userName: 'bookkeeper', password: 'right', company: qb });
    expect((await desktop.client.batch([entry(qb)], 'req-1')).items[0]!.fault).toBeNull();
    expect(qb.timeTracking()).toHaveLength(1);
  });
});

describe('every fault the simulated Web Connector plays, against the real service', { timeout: SCHEMA_TIMEOUT }, () => {
  const play = (url: string, company: Company, fault?: WebConnectorFault) =>
    runWebConnectorSession({ url, userName: 'bookkeeper', password: 'right', company, ...(fault ? { fault, random: () => 0 } : {}) });
  const answerOf = async (desktop: DesktopCompany, items: Parameters<DesktopCompany['client']['batch']>[0], requestId: string) =>
    (await desktop.client.batch(items, requestId).catch(() => null))?.items ?? null;

  it.each(['dropAfterApply', 'busy', 'companyClosed'] as const)('%s: after the update that failed and one more, the entry is in QuickBooks once and answered', async (fault) => {
    const { url, desktop } = await startApp();
    const qb = createCompany();
    await expect(desktop.client.batch([entry(qb)], 'req-1')).rejects.toMatchObject({ kind: 'network' });
    await play(url, qb, fault);
    expect(await answerOf(desktop, [entry(qb)], 'req-1')).toBeNull(); // no answer came back from that update
    expect(desktop.summary().lastError).not.toBeNull();
    await play(url, qb);
    const [answer] = (await answerOf(desktop, [entry(qb)], 'req-1'))!;
    expect(answer!.fault).toBeNull();
    expect(qb.timeTracking()).toHaveLength(1);
    expect(answer!.data).toMatchObject({ Id: qb.timeTracking()[0]!.txnId });
  });

  it('staleEditSequence: a QuickBooks user edits the entry before the update, so the app’s change comes back stale (5010) and nothing is overwritten', async () => {
    const { url, desktop } = await startApp();
    const qb = createCompany();
    await answerOf(desktop, [entry(qb)], 'req-1');
    await play(url, qb);
    const created = (await answerOf(desktop, [entry(qb)], 'req-1'))![0]!.data!;
    const change = { ...entry(qb), operation: 'update' as const, body: { ...entry(qb).body, Id: created['Id'], SyncToken: created['SyncToken'], Hours: 2 } };
    await answerOf(desktop, [change], 'req-2');
    const outcome = await play(url, qb, 'staleEditSequence');
    expect(outcome.editedInQuickBooks).toBe(created['Id']);
    const [answer] = (await answerOf(desktop, [change], 'req-2'))!;
    expect(answer!.fault?.errors[0]?.code).toBe('5010');
    expect(qb.timeTracking()[0]).toMatchObject({ duration: 'PT1H30M', notes: 'Plans (changed in QuickBooks)' });
  });
});
