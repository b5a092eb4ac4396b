// The reconciliation report over real repositories (fake-indexeddb) and a fake QuickBooks answer:
// a correct sync shows zero difference per customer and day; a change in QuickBooks shows up as a
// difference and as a conflict found; time typed in QuickBooks is listed as not sent by us.
import { describe, expect, it } from 'vitest';
import type { QboTimeActivity } from '../../../shared/qbo/types';
import { runReconciliationReport } from '../../../renderer/src/features/quickbooks/engine/reconcile-run';
import { testEnv } from '../db/helpers';
import { seedCoolCars } from './cool-cars';
import { fakeQboPort, ok } from './fake-port';

const HOUR = 3_600_000;

async function world() {
  const env = await testEnv(Date.UTC(2026, 2, 10, 18, 0));
  const { repos } = env;
  await seedCoolCars(repos);
  const project = await repos.projects.create({ name: 'Showroom Landscaping', rateMinor: 12000, currency: 'USD', qboCustomerId: '21', qboItemId: '7' });
  const at = (day: number, h: number) => Date.UTC(2026, 2, day, h, 0);
  const a = await repos.entries.create({ projectId: project.id, taskId: null, description: 'Plans', start: at(9, 9), end: at(9, 9) + 1.5 * HOUR, zone: 'UTC', source: 'manual', billable: true });
  const b = await repos.entries.create({ projectId: project.id, taskId: null, description: 'Visit', start: at(10, 11), end: at(10, 11) + 0.75 * HOUR, zone: 'UTC', source: 'manual', billable: true });
  await repos.entries.approve([a.id, b.id]);
  return { ...env, a, b };
}

const ta = (id: string, date: string, hours: number, minutes: number, extra: Partial<QboTimeActivity> = {}): QboTimeActivity => ({
  Id: id, SyncToken: '0', TxnDate: date, NameOf: 'Employee', EmployeeRef: { value: '29' }, CustomerRef: { value: '21' }, ItemRef: { value: '7' },
  BillableStatus: 'Billable', HourlyRate: 120, Hours: hours, Minutes: minutes, ...extra,
});

function port(activities: QboTimeActivity[], seen: string[] = []) {
  return fakeQboPort((channel, request) => {
    if (channel !== 'qbo:queryAll') throw new Error(`unused: ${channel}`);
    const { entity, where } = request as { entity: string; where?: string };
    seen.push(`${entity} ${where ?? ''}`);
    return ok({ items: activities });
  });
}

describe('runReconciliationReport', () => {
  it('shows zero difference per customer and day when QuickBooks holds exactly what was approved', async () => {
    const { repos } = await world();
    const seen: string[] = [];
    const r = await runReconciliationReport(repos, port([ta('36', '2026-03-09', 1, 30), ta('37', '2026-03-10', 0, 45)], seen), { from: '2026-03-01', to: '2026-03-10' });
    expect([...new Set(seen)]).toEqual(["TimeActivity TxnDate >= '2026-03-01' AND TxnDate <= '2026-03-10'"]);
    expect(r.currency).toBe('USD');
    expect(r.rows).toEqual([
      { customerId: '21', date: '2026-03-09', approvedMinutes: 90, approvedAmountMinor: 18000, qboMinutes: 90, qboAmountMinor: 18000, diffMinutes: 0, diffAmountMinor: 0, invoicedAmountMinor: 0 },
      { customerId: '21', date: '2026-03-10', approvedMinutes: 45, approvedAmountMinor: 9000, qboMinutes: 45, qboAmountMinor: 9000, diffMinutes: 0, diffAmountMinor: 0, invoicedAmountMinor: 0 },
    ]);
    expect(r.heldBack).toBe(0);
  });

  it('shows what QuickBooks holds beyond what was approved, and time it holds that we never sent', async () => {
    const { repos } = await world();
    const r = await runReconciliationReport(repos, port([ta('36', '2026-03-09', 2, 0), ta('37', '2026-03-10', 0, 45), ta('99', '2026-03-10', 0, 15)]), { from: '2026-03-09', to: '2026-03-10' });
    expect(r.rows.map((x) => [x.date, x.diffMinutes, x.diffAmountMinor])).toEqual([['2026-03-09', 30, 6000], ['2026-03-10', 15, 3000]]);
    expect(r.findings.result?.unknownInQbo.map((a) => a.Id)).toEqual(['36', '37', '99']);
    expect(r.findings.unknownInQbo).toBe(3);
  });

  it('does not count approved entries pre-flight holds back, and says how many', async () => {
    const { repos } = await world();
    await repos.qboMirror.putEntities([{ kind: 'customer', id: '21', name: 'Showroom Landscaping', fullyQualifiedName: 'Cool Cars:Showroom Landscaping', parentId: '20', active: false }]);
    const r = await runReconciliationReport(repos, port([]), { from: '2026-03-09', to: '2026-03-10' });
    expect(r.heldBack).toBe(2);
    expect(r.rows).toEqual([]);
  });

  it('refuses a range that ends before it starts', async () => {
    const { repos } = await world();
    await expect(runReconciliationReport(repos, port([]), { from: '2026-03-10', to: '2026-03-01' })).rejects.toThrow('start date on or before the end date');
  });
});
