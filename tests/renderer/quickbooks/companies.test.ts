// Several QuickBooks companies in one workspace, end to end: two local sandboxes with realms of their
// own stand for two companies, each reached through main's real client with its own tokens and the
// one limiter registry main keeps (one limiter per realm). Each client goes to one company; sync,
// audit, conflicts and reconciliation are per company; moving a project moves its time; one
// company losing its connection leaves the other syncing.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { RateLimiterRegistry } from '../../../electron/main/qbo/rate-limiter';
import { startSandbox } from '../../../electron/qbo-sandbox/index';
import { openDatabase } from '../../../renderer/src/db/database';
import { createRepos, type Repos } from '../../../renderer/src/db/repos';
import { createSyncEngine } from '../../../renderer/src/features/quickbooks/engine/engine';
import { importMirror } from '../../../renderer/src/features/quickbooks/engine/import-mirror';
import { runReconciliation, runReconciliationReport } from '../../../renderer/src/features/quickbooks/engine/reconcile-run';
import type { QboPort } from '../../../renderer/src/features/quickbooks/engine/qbo-port';
import { PRIMARY_COMPANY } from '../../../shared/qbo/company';
import { useSandbox } from '../../fixtures/use-sandbox';
import { connect, control, sandboxTimeActivities } from './setup';

const SCALE = 60;
const SECOND = 'co-0000000b';
const limits = { enabled: true, timeScale: SCALE };
const sandboxA = useSandbox(() => startSandbox({ port: 0, controlRoutes: true, limits }));
const sandboxB = useSandbox(() => startSandbox({ port: 0, controlRoutes: true, limits, realmId: '9130000000000002' }));
const limiters = new RateLimiterRegistry({ timeScale: SCALE });
const connA = useSandbox(() => connect(sandboxA, SCALE, { limiters }));
const connB = useSandbox(() => connect(sandboxB, SCALE, { limiters, companyId: SECOND }));

beforeEach(async () => {
  await control(sandboxA, 'reset');
  await control(sandboxB, 'reset');
});

let dbCounter = 0;

/** Links a project to the first customer, service item and class of its company's lists. */
async function link(repos: Repos, projectId: string, port: QboPort) {
  const [customer] = await port.queryAll('Customer');
  const [item] = await port.queryAll('Item', "Type = 'Service'");
  const [klass] = await port.queryAll('Class');
  await repos.projects.update(projectId, { qboCustomerId: customer!.Id, qboItemId: item!.Id, qboClassId: klass!.Id });
}

/** A workspace with client Acme in the primary company and client Beta in the second one. */
async function workspace() {
  const db = await openDatabase(`companies-${++dbCounter}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  const repos = createRepos(db);
  await repos.settings.set('currency', 'USD');
  await repos.sync.saveSettings({ descriptionTemplate: '{description} [tn:{description}]' });
  for (const port of [connA.port, connB.port]) {
    await importMirror({ repos, port });
    const [employee] = await port.queryAll('Employee');
    await repos.mirrorOf(port.companyId).setState('worker', { nameOf: 'Employee', id: employee!.Id });
  }
  const acme = await repos.clients.create({ name: 'Acme' });
  const beta = await repos.clients.create({ name: 'Beta' });
  await repos.sync.moveToCompany({ clientId: beta.id }, SECOND);
  const project = (name: string, clientId: string) => repos.projects.create({ name, clientId, rateMinor: 12_000, currency: 'USD' });
  const pa = await project('Acme site', acme.id);
  const pb = await project('Beta audit', beta.id);
  await link(repos, pa.id, connA.port);
  await link(repos, pb.id, connB.port);
  const entries = async (projectId: string, prefix: string, n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const start = Date.UTC(2026, 9, 5 + i, 14);
      ids.push((await repos.entries.create({ projectId, description: `${prefix}${i}`, start, end: start + 45 * 60_000, zone: 'UTC' })).id);
    }
    return ids;
  };
  return { db, repos, acme, beta, pa, pb, entries };
}

const engine = (repos: Repos, port: QboPort) => createSyncEngine({ repos, port, retryScale: SCALE, concurrency: 4 });
const markers = async (sandbox: { url: string }) => (await sandboxTimeActivities(sandbox)).map((t) => /\[tn:(\w+)\]/.exec(t.Description ?? '')?.[1]).sort();

describe('several QuickBooks companies', () => {
  it("sends each client's time to its own company, exactly once, with its own audit", async () => {
    const w = await workspace();
    const a = await w.entries(w.pa.id, 'a', 3);
    const b = await w.entries(w.pb.id, 'b', 4);
    await w.repos.entries.approve([...a, ...b]);
    // Both companies at once, as the app's two engines run.
    const [ra, rb] = await Promise.all([engine(w.repos, connA.port).run(), engine(w.repos, connB.port).run()]);
    expect(ra).toMatchObject({ status: 'completed', done: 3, failed: 0, remaining: 0 });
    expect(rb).toMatchObject({ status: 'completed', done: 4, failed: 0, remaining: 0 });
    expect(await markers(sandboxA)).toEqual(['a0', 'a1', 'a2']);
    expect(await markers(sandboxB)).toEqual(['b0', 'b1', 'b2', 'b3']);
    for (const id of [...a, ...b]) expect((await w.repos.entries.get(id))!.status).toBe('synced');
    // What each company holds is recorded under that company: its keys say so.
    expect((await w.repos.sync.records(PRIMARY_COMPANY)).map((r) => r.key).sort()).toEqual(a.map((id) => `entry:${id}`).sort());
    expect((await w.repos.sync.records(SECOND)).map((r) => r.key).sort()).toEqual(b.map((id) => `entry:${id}@${SECOND}`).sort());
    expect(await w.repos.sync.audit(PRIMARY_COMPANY)).toHaveLength(3);
    expect(await w.repos.sync.audit(SECOND)).toHaveLength(4);
    // Each company's reconciliation finds exactly its own time, with no difference and no conflict.
    const range = { from: '2026-10-01', to: '2026-10-31' };
    for (const [port, n] of [[connA.port, 3], [connB.port, 4]] as const) {
      const report = await runReconciliationReport(w.repos, port, range);
      expect(report.activities).toBe(n);
      expect(report.rows.every((r) => r.diffMinutes === 0 && r.diffAmountMinor === 0)).toBe(true);
      expect(report.findings).toMatchObject({ matched: n, changedInQbo: 0, deletedInQbo: 0, unknownInQbo: 0 });
    }
  });

  it('puts a change made in one company on that company’s conflicts only', async () => {
    const w = await workspace();
    const b = await w.entries(w.pb.id, 'b', 2);
    await w.repos.entries.approve(b);
    await engine(w.repos, connB.port).run();
    const [ta] = await sandboxTimeActivities(sandboxB);
    await connB.client.write('TimeActivity', 'update', { ...ta, Description: 'typed in QuickBooks' }, crypto.randomUUID());
    const found = await runReconciliation({ repos: w.repos, port: connB.port, rule: 'ask' });
    expect(found.asked).toBe(1);
    expect(await w.repos.sync.conflicts('open', SECOND)).toHaveLength(1);
    expect(await w.repos.sync.conflicts('open', PRIMARY_COMPANY)).toHaveLength(0);
    // The primary company's pass over the same dates sees nothing of it.
    expect(await runReconciliation({ repos: w.repos, port: connA.port, rule: 'ask', range: { from: '2026-10-01', to: '2026-10-31' } })).toMatchObject({ matched: 0, changedInQbo: 0, deletedInQbo: 0 });
  });

  it('moves synced time with its project: deleted from the old company, created once in the new one', async () => {
    const w = await workspace();
    const a = await w.entries(w.pa.id, 'a', 3);
    await w.repos.entries.approve(a);
    await engine(w.repos, connA.port).run();
    expect(await markers(sandboxA)).toEqual(['a0', 'a1', 'a2']);

    expect(await w.repos.sync.syncedTimeIn({ projectId: w.pa.id })).toBe(3);
    const moved = await w.repos.sync.moveToCompany({ projectId: w.pa.id }, SECOND);
    expect(moved.planned).toBe(3);
    // Its links pointed into the old company's lists: cleared, so nothing goes to a wrong customer.
    expect(await w.repos.projects.get(w.pa.id)).toMatchObject({ qboCompanyId: SECOND, qboCustomerId: null, qboItemId: null });
    for (const id of a) expect((await w.repos.entries.get(id))!.status).toBe('approved');
    expect(await engine(w.repos, connA.port).run()).toMatchObject({ status: 'completed', done: 3, failed: 0 });
    expect(await markers(sandboxA)).toEqual([]);
    // Not linked in the new company yet: held back by pre-flight, nothing sent.
    expect(await engine(w.repos, connB.port).run()).toMatchObject({ sent: 0 });
    await link(w.repos, w.pa.id, connB.port);
    expect(await engine(w.repos, connB.port).run()).toMatchObject({ status: 'completed', done: 3, failed: 0 });
    expect(await markers(sandboxB)).toEqual(['a0', 'a1', 'a2']);
    for (const id of a) expect((await w.repos.entries.get(id))!.status).toBe('synced');
    // Nothing more for either company.
    expect(await engine(w.repos, connA.port).run()).toMatchObject({ sent: 0 });
    expect(await engine(w.repos, connB.port).run()).toMatchObject({ sent: 0 });
  });

  it('keeps syncing one company while the other needs reconnecting, and sends its time after', async () => {
    const w = await workspace();
    const a = await w.entries(w.pa.id, 'a', 2);
    const b = await w.entries(w.pb.id, 'b', 2);
    await w.repos.entries.approve([...a, ...b]);
    const grant = await connB.keeper.load();
    await connB.keeper.invalidate('The refresh token was revoked.');
    const [ra, rb] = await Promise.all([engine(w.repos, connA.port).run(), engine(w.repos, connB.port).run()]);
    expect(ra).toMatchObject({ status: 'completed', done: 2 });
    expect(rb).toMatchObject({ status: 'paused_auth', done: 0, remaining: 2 });
    expect(await markers(sandboxA)).toEqual(['a0', 'a1']);
    expect(await markers(sandboxB)).toEqual([]);
    // Reconnected: the second company's time goes out, once.
    await connB.keeper.save(grant!);
    expect(await engine(w.repos, connB.port).run()).toMatchObject({ status: 'completed', done: 2 });
    expect(await markers(sandboxB)).toEqual(['b0', 'b1']);
  });
});

