import { describe, expect, it } from 'vitest';
import { at, testEnv } from './helpers';

describe('settings', () => {
  it('reads defaults before anything is stored', async () => {
    const { repos } = await testEnv();
    const all = await repos.settings.getAll();
    expect(all).toMatchObject({ currency: 'USD', weekStartsOn: 1, theme: 'system' });
    // Capture settings (with the idle threshold) are kept by main, where the privacy rules run.
    expect(all).not.toHaveProperty('capture');
  });

  it('stores a valid value with an audit row, and refuses an invalid one without writing', async () => {
    const { repos } = await testEnv();
    await repos.settings.set('currency', 'CAD');
    await expect(repos.settings.set('currency', 'dollars')).rejects.toThrow();
    await expect(repos.settings.set('weekStartsOn', 9 as never)).rejects.toThrow();
    expect(await repos.settings.get('currency')).toBe('CAD');
    expect(await repos.settings.get('weekStartsOn')).toBe(1);
    expect((await repos.audit.listForEntity('currency')).map((a) => [a.before, a.after])).toEqual([[null, 'CAD']]);
  });

  it('a stored value that no longer validates falls back to the default instead of breaking', async () => {
    const { db, repos } = await testEnv();
    await db.settings.put({ key: 'rounding', value: { incrementMinutes: 7 }, updatedAt: 0 });
    expect(await repos.settings.get('rounding')).toEqual({ incrementMinutes: 1, mode: 'nearest', scope: 'entry' });
  });
});

describe('clients, projects, tasks', () => {
  it('projects take the workspace currency; archived ones leave the pickers but stay readable', async () => {
    const { repos } = await testEnv();
    await repos.settings.set('currency', 'EUR');
    const client = await repos.clients.create({ name: 'Acme GmbH' });
    const p = await repos.projects.create({ name: 'Relaunch', clientId: client.id, rateMinor: 12_000 });
    expect(p).toMatchObject({ currency: 'EUR', billable: true, rounding: null, qboCustomerId: null, qboItemId: null, qboClassId: null });
    await repos.projects.archive(p.id);
    expect(await repos.projects.list()).toEqual([]);
    expect((await repos.projects.list({ includeArchived: true })).map((x) => x.id)).toEqual([p.id]);
    expect(await repos.projects.listForClient(client.id)).toEqual([]);
    expect((await repos.audit.listForEntity(p.id)).map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('a task needs an existing project', async () => {
    const { repos } = await testEnv();
    await expect(repos.tasks.create({ projectId: 'missing', name: 'x' })).rejects.toThrow('This project no longer exists; it may have been deleted in the meantime.');
    const p = await repos.projects.create({ name: 'P' });
    await repos.tasks.create({ projectId: p.id, name: 'Meetings' });
    await repos.tasks.create({ projectId: p.id, name: 'Design' });
    expect((await repos.tasks.listForProject(p.id)).map((t) => t.name)).toEqual(['Design', 'Meetings']);
  });
});

describe('rate cards', () => {
  it('the most specific card in force on the entry\'s local date wins; a rate change applies from its date', async () => {
    const { repos } = await testEnv();
    const NY = 'America/New_York';
    await repos.rates.add({ scope: 'default', rateMinor: 10_000, currency: 'USD', effectiveFrom: '2025-01-01' });
    await repos.rates.add({ scope: 'project', scopeId: 'p1', rateMinor: 15_000, currency: 'USD', effectiveFrom: '2026-03-01' });
    await repos.rates.add({ scope: 'project', scopeId: 'p1', rateMinor: 16_500, currency: 'USD', effectiveFrom: '2026-04-01' });
    const subject = (date: string, time = '09:00') => ({ taskId: null, projectId: 'p1', clientId: null, start: at(date, time, NY), zone: NY });
    expect(await repos.rates.rateFor(subject('2026-02-27'))).toMatchObject({ rateMinor: 10_000, source: 'default' });
    expect(await repos.rates.rateFor(subject('2026-03-31', '23:30'))).toMatchObject({ rateMinor: 15_000 });
    expect(await repos.rates.rateFor(subject('2026-04-01', '00:30'))).toMatchObject({ rateMinor: 16_500 });
    await expect(repos.rates.add({ scope: 'project', rateMinor: 1, currency: 'USD', effectiveFrom: '2026-01-01' })).rejects.toThrow(/needs/);
    await expect(repos.rates.add({ scope: 'default', rateMinor: 12.5, currency: 'USD', effectiveFrom: '2026-01-01' })).rejects.toThrow(/integer/);
  });
});

describe('audit log', () => {
  it('pages newest first and exports flat rows', async () => {
    const { repos, clock } = await testEnv();
    for (let i = 0; i < 5; i++) {
      clock.advance(1000);
      await repos.clients.create({ name: `C${i}` });
    }
    const first = await repos.audit.listPage({ limit: 2 });
    expect(first.rows.map((r) => (r.after as { name: string }).name)).toEqual(['C4', 'C3']);
    const second = await repos.audit.listPage({ limit: 2, beforeId: first.nextBeforeId! });
    const third = await repos.audit.listPage({ limit: 2, beforeId: second.nextBeforeId! });
    expect(third.rows).toHaveLength(1);
    expect(third.nextBeforeId).toBeNull();
    const rows = await repos.audit.exportRows({ fromMs: clock.now - 1500 });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ entityType: 'client', action: 'create', actor: 'user', before: '', at: new Date(clock.now - 1000).toISOString() });
    expect(JSON.parse(rows[1]!.after)).toMatchObject({ name: 'C4' });
  });
});

describe('settings updated in quick succession', () => {
  it('keep both changes when each only changes its own part', async () => {
    const { repos } = await testEnv();
    // Two changes fired without waiting, as two selects changed one after the other do.
    await Promise.all([
      repos.settings.update('rounding', (r) => ({ ...r, incrementMinutes: 6 })),
      repos.settings.update('rounding', (r) => ({ ...r, mode: 'up' })),
    ]);
    expect(await repos.settings.get('rounding')).toEqual({ incrementMinutes: 6, mode: 'up', scope: 'entry' });
  });

  it('refuse an invalid result without writing', async () => {
    const { repos } = await testEnv();
    await expect(repos.settings.update('rounding', (r) => ({ ...r, incrementMinutes: 7 as 6 }))).rejects.toThrow();
    expect(await repos.settings.get('rounding')).toEqual({ incrementMinutes: 1, mode: 'nearest', scope: 'entry' });
  });
});
