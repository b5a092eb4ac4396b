// The scheduler's due times (pure, any zone, across DST), its timer wiring with fake timers, the
// test sync (exact payloads + pre-flight issues for a selection, then pushing only those), and the
// mirror import (inactive name-list rows included).
import { describe, expect, it } from 'vitest';
import { createScheduler, nextRunAt } from '../../../renderer/src/features/quickbooks/engine/scheduler';
import { createSyncEngine } from '../../../renderer/src/features/quickbooks/engine/engine';
import { DEFAULT_SYNC_SETTINGS, type SyncSettings } from '../../../renderer/src/features/quickbooks/store/sync-context';
import { zonedInstant } from '../../../shared/time/zone';
import { connect, makeEntries, sandboxTimeActivities, startWorldSandbox, world } from './setup';
import { useSandbox } from '../../fixtures/use-sandbox';

const MIN = 60_000;
const s = (over: Partial<SyncSettings>): SyncSettings => ({ ...DEFAULT_SYNC_SETTINGS, ...over });

describe('nextRunAt', () => {
  it('is null for manual and on-approval modes', () => {
    expect(nextRunAt(s({ mode: 'manual' }), 0, null, 'UTC')).toBeNull();
    expect(nextRunAt(s({ mode: 'onApproval' }), 0, null, 'UTC')).toBeNull();
  });

  it('runs every N minutes or hourly after the last run', () => {
    const now = Date.UTC(2026, 2, 2, 10, 0);
    expect(nextRunAt(s({ mode: 'interval', intervalMinutes: 15 }), now, null, 'UTC')).toBe(now);
    expect(nextRunAt(s({ mode: 'interval', intervalMinutes: 15 }), now, now - 5 * MIN, 'UTC')).toBe(now + 10 * MIN);
    expect(nextRunAt(s({ mode: 'hourly' }), now, now - 90 * MIN, 'UTC')).toBe(now);
    expect(nextRunAt(s({ mode: 'hourly' }), now, now - 10 * MIN, 'UTC')).toBe(now + 50 * MIN);
  });

  it('runs daily at the local time, across a DST change, and catches up a missed run', () => {
    const zone = 'America/New_York';
    const daily = s({ mode: 'daily', dailyAt: '18:00' });
    const morning = zonedInstant('2026-03-07', '09:00', zone);
    expect(nextRunAt(daily, morning, null, zone)).toBe(zonedInstant('2026-03-07', '18:00', zone));
    // After today's run: tomorrow 18:00 local, which is 23 hours later on the spring-forward day.
    const evening = zonedInstant('2026-03-07', '19:00', zone);
    expect(nextRunAt(daily, evening, zonedInstant('2026-03-07', '18:00', zone), zone)).toBe(zonedInstant('2026-03-08', '18:00', zone));
    // Asleep at 18:00, last ran yesterday: run now.
    expect(nextRunAt(daily, evening, zonedInstant('2026-03-06', '18:00', zone), zone)).toBe(evening);
  });
});

describe('scheduler', () => {
  it('arms one timer, fires the run and re-arms; on-approval runs at once', async () => {
    let now = Date.UTC(2026, 2, 2, 10, 0);
    const armed: Array<{ fn: () => void; ms: number }> = [];
    let runs = 0;
    let settings = s({ mode: 'interval', intervalMinutes: 30 });
    const scheduler = createScheduler({
      settings: async () => settings,
      run: async () => void runs++,
      now: () => now,
      zone: () => 'UTC',
      timers: { setTimeout: (fn, ms) => armed.push({ fn, ms }), clearTimeout: () => {} },
    });
    expect(await scheduler.reschedule()).toBe(now);
    armed.at(-1)!.fn();
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toBe(1);
    expect(armed.at(-1)!.ms).toBe(30 * MIN);
    now += 30 * MIN;
    settings = s({ mode: 'onApproval' });
    expect(await scheduler.reschedule()).toBeNull();
    expect(await scheduler.approved()).toBe(true);
    expect(runs).toBe(2);
    scheduler.stop();
  });
});

describe('test sync and mirror import (sandbox)', () => {
  const sandbox = useSandbox(() => startWorldSandbox(60));
  const conn = useSandbox(() => connect(sandbox, 60));

  it('imports every name list, inactive rows included, plus company and preferences', async () => {
    const w = await world(conn);
    const customers = await w.repos.qboMirror.list('customer', { includeInactive: true });
    expect(customers.length).toBeGreaterThan(3);
    expect(customers.some((c) => c.fullyQualifiedName?.includes(':') && c.parentId)).toBe(true);
    expect((await w.repos.qboMirror.list('item')).some((i) => i.subtype === 'Service')).toBe(true);
    expect(await w.repos.qboMirror.list('employee')).not.toHaveLength(0);
    expect(await w.repos.qboMirror.getState('company')).toHaveProperty('CompanyName');
    expect(await w.repos.qboMirror.preferences()).toHaveProperty('TimeTrackingPrefs');
  });

  it('refreshes the mirror incrementally through CDC, seeing a deactivated customer', async () => {
    const w = await world(conn);
    const [customer] = await w.repos.qboMirror.list('customer');
    const current = (await conn.port.read('Customer', customer!.id))!;
    await conn.client.write('Customer', 'update', { Id: customer!.id, SyncToken: current['SyncToken'], sparse: true, Active: false }, crypto.randomUUID());
    const { importMirror } = await import('../../../renderer/src/features/quickbooks/engine/import-mirror');
    const again = await importMirror({ repos: w.repos, port: conn.port });
    expect(again.mode).toBe('cdc');
    expect(again.counts.customer).toBeGreaterThanOrEqual(1);
    expect((await w.repos.qboMirror.get('customer', customer!.id))!.active).toBe(false);
    expect((await importMirror({ repos: w.repos, port: conn.port, forceFull: true })).mode).toBe('full');
  });

  it('previews the exact payloads of a selection, then pushes only those', async () => {
    const w = await world(conn);
    const ids = await makeEntries(w, 6);
    await w.repos.entries.approve(ids);
    const preview = await w.repos.sync.preview(ids.slice(0, 2));
    expect(preview.issues).toEqual([]);
    expect(preview.drafts).toHaveLength(2);
    expect(preview.drafts[0]!.payload).toMatchObject({ NameOf: 'Employee', EmployeeRef: { value: w.employeeId }, BillableStatus: 'Billable', ItemRef: { value: w.itemId } });
    const before = (await sandboxTimeActivities(sandbox)).length;
    const result = await createSyncEngine({ repos: w.repos, port: conn.port, retryScale: 60 }).run({ only: preview.keys });
    expect(result).toMatchObject({ status: 'completed', done: 2, remaining: 0 });
    const tas = (await sandboxTimeActivities(sandbox)).slice(before);
    expect(tas).toHaveLength(2);
    expect(tas.map((t) => t.Description).sort()).toEqual(preview.drafts.map((d) => d.payload.Description).sort());
    expect(await w.repos.sync.openRows()).toHaveLength(4);
  });
});
