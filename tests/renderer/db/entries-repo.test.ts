import { describe, expect, it } from 'vitest';
import { InvalidEntryError, LockedEntryError, TimerAlreadyRunningError, VersionConflictError } from '../../../renderer/src/db/errors';
import { COOL_CARS, seedCoolCars } from '../quickbooks/cool-cars';
import { advanceStatus, at, testEnv } from './helpers';

const NY = 'America/New_York';
const HOUR = 3_600_000;

async function withProject(billable = true) {
  const env = await testEnv();
  const project = await env.repos.projects.create({ name: 'Acme site', billable });
  const task = await env.repos.tasks.create({ projectId: project.id, name: 'Design' });
  await env.repos.projects.update(project.id, { defaultTaskId: task.id });
  return { ...env, project, task };
}

describe('creating and editing entries', () => {
  it('fills the project defaults and writes a create audit row with the entry', async () => {
    const { repos, project, task } = await withProject(false);
    const e = await repos.entries.create({ projectId: project.id, start: at('2026-03-02', '09:00', NY), end: at('2026-03-02', '10:00', NY), zone: NY });
    expect(e).toMatchObject({ billable: false, taskId: task.id, status: 'draft', version: 1, source: 'manual', localDate: '2026-03-02' });
    const history = await repos.audit.listForEntity(e.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'create', actor: 'user', before: null, version: 1 });
  });

  it('an entry without a project follows the workspace defaultBillable setting', async () => {
    const { repos } = await withProject();
    const s = at('2026-03-02', '09:00', NY);
    expect((await repos.entries.create({ projectId: null, start: s, end: s + HOUR, zone: NY })).billable).toBe(true);
    await repos.settings.set('defaultBillable', false);
    expect((await repos.entries.create({ projectId: null, start: s + HOUR, end: s + 2 * HOUR, zone: NY })).billable).toBe(false);
    expect((await repos.entries.startTimer(null, null, s + 2 * HOUR, NY)).started.billable).toBe(false);
  });

  it('bumps the version on every edit and records before and after', async () => {
    const { repos, clock } = await withProject();
    const e = await repos.entries.create({ projectId: null, start: at('2026-03-02', '09:00', NY), end: at('2026-03-02', '10:00', NY), zone: NY });
    clock.advance(60_000);
    const { entry: once } = await repos.entries.update(e.id, { description: 'Call with Sam' });
    const { entry: twice } = await repos.entries.update(e.id, { end: at('2026-03-02', '10:30', NY) });
    expect([once.version, twice.version]).toEqual([2, 3]);
    expect(twice.updatedAt).toBe(clock.now);
    const history = await repos.audit.listForEntity(e.id);
    expect(history.map((h) => [h.action, h.version])).toEqual([['create', 1], ['update', 2], ['update', 3]]);
    expect(history[1]!.before).toMatchObject({ description: '' });
    expect(history[1]!.after).toMatchObject({ description: 'Call with Sam' });
  });

  it('moving the start across local midnight moves the entry to the other day', async () => {
    const { repos } = await withProject();
    const e = await repos.entries.create({ projectId: null, start: at('2026-03-02', '00:30', NY), end: at('2026-03-02', '01:00', NY), zone: NY });
    await repos.entries.update(e.id, { start: at('2026-03-01', '23:30', NY) });
    expect((await repos.entries.listDay('2026-03-01')).map((x) => x.id)).toEqual([e.id]);
    expect(await repos.entries.listDay('2026-03-02')).toEqual([]);
  });

  it('refuses an end before the start, an unknown zone, and an edit against a stale version', async () => {
    const { repos } = await withProject();
    const start = at('2026-03-02', '09:00', NY);
    await expect(repos.entries.create({ projectId: null, start, end: start - 1, zone: NY })).rejects.toBeInstanceOf(InvalidEntryError);
    await expect(repos.entries.create({ projectId: null, start, end: start + HOUR, zone: 'EST+5' })).rejects.toBeInstanceOf(InvalidEntryError);
    const e = await repos.entries.create({ projectId: null, start, end: start + HOUR, zone: NY });
    await repos.entries.update(e.id, { description: 'first' }, { expectedVersion: 1 });
    await expect(repos.entries.update(e.id, { description: 'second' }, { expectedVersion: 1 })).rejects.toBeInstanceOf(VersionConflictError);
    expect((await repos.entries.get(e.id))!.description).toBe('first');
  });

  it('a failing audit write leaves the entry unchanged (one transaction)', async () => {
    const { db, repos } = await withProject();
    const e = await repos.entries.create({ projectId: null, start: at('2026-03-02', '09:00', NY), end: at('2026-03-02', '10:00', NY), zone: NY });
    db.audit.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(repos.entries.update(e.id, { description: 'lost' })).rejects.toThrow('disk full');
    await expect(repos.entries.create({ projectId: null, start: e.end!, end: e.end! + HOUR, zone: NY })).rejects.toThrow('disk full');
    expect(await repos.entries.get(e.id)).toMatchObject({ description: '', version: 1 });
    expect(await db.entries.count()).toBe(1);
  });

  it('soft-deletes with an audit row; the entry leaves the day but stays in the trash', async () => {
    const { repos } = await withProject();
    const e = await repos.entries.create({ projectId: null, start: at('2026-03-02', '09:00', NY), end: at('2026-03-02', '10:00', NY), zone: NY });
    await repos.entries.delete([e.id]);
    expect(await repos.entries.listDay('2026-03-02')).toEqual([]);
    expect(await repos.entries.get(e.id)).toBeUndefined();
    expect((await repos.trash.list()).map((x) => [x.id, x.version])).toEqual([[e.id, 2]]);
    expect((await repos.audit.listForEntity(e.id)).at(-1)).toMatchObject({ action: 'delete', version: 2 });
  });
});

describe('what a refused write tells the user', () => {
  it('says what happened in words, never an id or a version number', async () => {
    const { repos } = await withProject();
    const s = at('2026-03-02', '09:00', NY);
    const e = await repos.entries.create({ projectId: null, start: s, end: s + HOUR, zone: NY });
    const messages: string[] = [];
    const refused = async (write: () => Promise<unknown>) => {
      const error = await write().then(() => null, (err: unknown) => err as Error);
      messages.push(error!.message);
    };
    await refused(() => repos.entries.update(e.id, { description: 'x' }, { expectedVersion: 7 }));
    await refused(() => repos.entries.update('no-such-entry', { description: 'x' }));
    await repos.entries.approve([e.id]);
    await refused(() => repos.entries.update(e.id, { description: 'x' }));
    await repos.entries.startTimer(null, null, s + 2 * HOUR, NY);
    await refused(() => repos.entries.create({ projectId: null, start: s + 3 * HOUR, end: null, zone: NY }));
    expect(messages).toEqual([
      'This entry was changed elsewhere since you opened it. Close it and open it again to see the latest version.',
      'This entry no longer exists; it may have been deleted in the meantime.',
      'This entry is approved; confirm that you want to change it.',
      'A timer is already running. Stop it first, or choose another project to switch to.',
    ]);
    for (const m of messages) expect(m).not.toMatch(new RegExp(`${e.id}|no-such-entry|version \\d`));
  });
});

describe('range queries', () => {
  it('listRange returns entries starting in [start, end), without deleted ones', async () => {
    const { repos, project } = await withProject();
    const s = at('2026-03-02', '09:00', NY);
    const mk = (projectId: string | null, offsetH: number) =>
      repos.entries.create({ projectId, start: s + offsetH * HOUR, end: s + offsetH * HOUR + 60_000, zone: NY });
    const a = await mk(project.id, 0);
    const b = await mk(null, 1);
    const c = await mk(project.id, 2);
    const d = await mk(project.id, 3);
    await repos.entries.delete([c.id]);
    expect((await repos.entries.listRange(s, s + 3 * HOUR)).map((e) => e.id)).toEqual([a.id, b.id]);
    expect((await repos.entries.listRange(s, s + 4 * HOUR)).map((e) => e.id)).toEqual([a.id, b.id, d.id]);
  });
});

describe('approved entries are locked', () => {
  async function approvedEntry() {
    const env = await withProject();
    const e = await env.repos.entries.create({ projectId: env.project.id, start: at('2026-03-02', '09:00', NY), end: at('2026-03-02', '10:00', NY), zone: NY });
    const result = await env.repos.entries.approve([e.id]);
    expect(result.approved).toEqual([e.id]);
    return { ...env, e: (await env.repos.entries.get(e.id))! };
  }

  it('approving bumps the version and writes an approve audit row', async () => {
    const { repos, e } = await approvedEntry();
    expect(e).toMatchObject({ status: 'approved', version: 2 });
    expect((await repos.audit.listForEntity(e.id)).at(-1)).toMatchObject({ action: 'approve', version: 2 });
  });

  it('an edit without confirmation is refused and changes nothing', async () => {
    const { repos, e } = await approvedEntry();
    const error = await repos.entries.update(e.id, { description: 'x' }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(LockedEntryError);
    expect((error as LockedEntryError).canConfirm).toBe(true);
    await expect(repos.entries.delete([e.id])).rejects.toBeInstanceOf(LockedEntryError);
    expect(await repos.entries.get(e.id)).toMatchObject({ description: '', status: 'approved', version: 2 });
  });

  it('a confirmed edit bumps the version and returns the entry to draft, unless re-approved', async () => {
    const { repos, e } = await approvedEntry();
    const { entry: edited } = await repos.entries.update(e.id, { description: 'fixed typo' }, { confirmed: true, keepApproved: false });
    expect(edited).toMatchObject({ status: 'draft', version: 3 });
    await repos.entries.approve([e.id]);
    const { entry: kept } = await repos.entries.update(e.id, { description: 'again' }, { confirmed: true });
    expect(kept).toMatchObject({ status: 'approved', version: 5 });
  });

  it('invoiced entries cannot be edited even with confirmation', async () => {
    const { repos, e } = await approvedEntry();
    await advanceStatus(repos, [e.id], 'synced');
    await advanceStatus(repos, [e.id], 'invoiced');
    const error = await repos.entries.update(e.id, { description: 'x' }, { confirmed: true, keepApproved: false }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(LockedEntryError);
    expect((error as LockedEntryError).canConfirm).toBe(false);
    await advanceStatus(repos, [e.id], 'synced'); // never backwards
    expect(await repos.entries.get(e.id)).toMatchObject({ status: 'invoiced' });
  });

  it('approve skips running, already-approved and unknown entries', async () => {
    const { repos, e, project } = await approvedEntry();
    const { started } = await repos.entries.startTimer(project.id, undefined, at('2026-03-02', '11:00', NY), NY);
    const result = await repos.entries.approve([e.id, started.id, 'nope']);
    expect(result.approved).toEqual([]);
    expect(result.skipped.map((s) => s.reason)).toEqual(['already approved', 'running', 'not found']);
  });
});

describe('timer', () => {
  it('starting a timer stops the running one at the same instant: never two running', async () => {
    const { repos, project, task } = await withProject();
    const t1 = at('2026-03-02', '09:00', NY);
    const t2 = at('2026-03-02', '09:45', NY);
    const first = await repos.entries.startTimer(project.id, undefined, t1, NY);
    expect(first.started).toMatchObject({ end: null, source: 'timer', taskId: task.id });
    expect(first.stopped).toBeNull();
    const second = await repos.entries.startTimer(null, null, t2, NY, { description: 'email' });
    expect(second.stopped).toMatchObject({ id: first.started.id, end: t2, version: 2 });
    expect((await repos.entries.running())!.id).toBe(second.started.id);
    const all = await repos.entries.listDay('2026-03-02');
    expect(all.filter((e) => e.end === null)).toHaveLength(1);
    expect((await repos.audit.listForEntity(first.started.id)).map((a) => a.actor)).toEqual(['timer', 'timer']);
  });

  it('stopTimer ends the running entry and clears the running marker', async () => {
    const { db, repos } = await withProject();
    const t = at('2026-03-02', '09:00', NY);
    await repos.entries.startTimer(null, null, t, NY);
    const stopped = await repos.entries.stopTimer(t + 25 * 60_000);
    expect(stopped).toMatchObject({ end: t + 25 * 60_000 });
    expect(await repos.entries.running()).toBeUndefined();
    expect(await db.entries.where('running').equals(1).count()).toBe(0);
    expect(await repos.entries.stopTimer(t + HOUR)).toBeNull();
  });

  it('a timer left running for over 24 h is not stopped silently: the user must give its end', async () => {
    const { repos } = await withProject();
    const t = at('2026-03-02', '09:00', NY);
    const { started } = await repos.entries.startTimer(null, null, t, NY);
    await expect(repos.entries.stopTimer(t + 30 * HOUR)).rejects.toBeInstanceOf(InvalidEntryError);
    expect((await repos.entries.running())?.id).toBe(started.id);
    await repos.entries.update(started.id, { end: t + 9 * HOUR });
    expect(await repos.entries.running()).toBeUndefined();
  });

  it('switching timers within the same millisecond leaves no zero-length entry behind', async () => {
    const { repos } = await withProject();
    const t = at('2026-03-02', '09:00', NY);
    await repos.entries.startTimer(null, null, t, NY);
    const { started, stopped } = await repos.entries.startTimer(null, null, t, NY, { description: 'meant this one' });
    expect(stopped?.deletedAt).toBe(t);
    expect((await repos.entries.listDay('2026-03-02')).map((e) => e.id)).toEqual([started.id]);
  });

  it('a second running entry cannot be created or reopened outside startTimer', async () => {
    const { repos } = await withProject();
    const t = at('2026-03-02', '09:00', NY);
    const done = await repos.entries.create({ projectId: null, start: t - HOUR, end: t, zone: NY });
    await repos.entries.startTimer(null, null, t, NY);
    await expect(repos.entries.create({ projectId: null, start: t, end: null, zone: NY })).rejects.toBeInstanceOf(TimerAlreadyRunningError);
    await expect(repos.entries.update(done.id, { end: null })).rejects.toBeInstanceOf(TimerAlreadyRunningError);
  });
});

describe('split, merge, duplicate', () => {
  it('split keeps the id on the first part and creates the second; total time is unchanged', async () => {
    const { repos } = await withProject();
    const start = at('2026-03-02', '09:00', NY);
    const e = await repos.entries.create({ projectId: null, description: 'work', start, end: start + 2 * HOUR, zone: NY });
    const { parts: [head, tail] } = await repos.entries.split(e.id, start + 30 * 60_000);
    expect(head).toMatchObject({ id: e.id, start, end: start + 30 * 60_000, version: 2 });
    expect(tail).toMatchObject({ start: start + 30 * 60_000, end: start + 2 * HOUR, version: 1, description: 'work' });
    await expect(repos.entries.split(e.id, start)).rejects.toThrow(/inside/);
  });

  it('merge joins touching entries of one project into the earliest and deletes the rest', async () => {
    const { repos, project } = await withProject();
    const s = at('2026-03-02', '09:00', NY);
    const a = await repos.entries.create({ projectId: project.id, description: 'design', start: s, end: s + HOUR, zone: NY });
    const b = await repos.entries.create({ projectId: project.id, description: 'review', start: s + HOUR, end: s + 2 * HOUR, zone: NY });
    const c = await repos.entries.create({ projectId: project.id, description: 'design', start: s + 90 * 60_000, end: s + 3 * HOUR, zone: NY });
    const { merged } = await repos.entries.merge([c.id, b.id, a.id]);
    expect(merged).toMatchObject({ id: a.id, start: s, end: s + 3 * HOUR, description: 'design; review', version: 2 });
    expect((await repos.entries.listDay('2026-03-02')).map((x) => x.id)).toEqual([a.id]);
    const far = await repos.entries.create({ projectId: project.id, start: s + 5 * HOUR, end: s + 6 * HOUR, zone: NY });
    await expect(repos.entries.merge([a.id, far.id])).rejects.toThrow(/touch or overlap/);
    expect(await repos.entries.get(far.id)).toMatchObject({ version: 1 });
  });

  it('duplicate makes a new draft with the same duration at a new start, without the import key', async () => {
    const { repos } = await withProject();
    const s = at('2026-03-02', '09:00', NY);
    const [orig] = (await repos.entries.importMany([{ projectId: null, start: s, end: s + HOUR, zone: NY, importKey: 'k1' }])).importedIds;
    const copy = await repos.entries.duplicate(orig!, { start: at('2026-03-03', '09:00', NY) });
    expect(copy).toMatchObject({ localDate: '2026-03-03', source: 'manual', status: 'draft', version: 1 });
    expect(copy.end! - copy.start).toBe(HOUR);
    expect(copy.importKey).toBeUndefined();
  });
});

describe('import', () => {
  const rows = (n: number, prefix = 'file-a') =>
    Array.from({ length: n }, (_, i) => ({
      projectId: null,
      start: at('2026-03-02', '09:00', NY) + i * HOUR,
      end: at('2026-03-02', '09:00', NY) + i * HOUR + 30 * 60_000,
      zone: NY,
      importKey: `${prefix}:${i}`,
    }));

  it('importing the same file twice imports nothing the second time', async () => {
    const { repos } = await withProject();
    expect(await repos.entries.importMany(rows(5))).toMatchObject({ imported: 5, skipped: 0 });
    expect(await repos.entries.importMany(rows(5))).toMatchObject({ imported: 0, skipped: 5 });
    // A longer export of the same source imports only the new rows; duplicates inside a file count once.
    const again = await repos.entries.importMany([...rows(7), ...rows(7).slice(6)]);
    expect(again).toMatchObject({ imported: 2, skipped: 6 });
    expect(await repos.entries.listDay('2026-03-02')).toHaveLength(7);
    const audit = await repos.audit.exportRows();
    expect(audit.filter((r) => r.actor === 'import')).toHaveLength(7);
  });

  it('the store itself rejects a duplicate import key, while entries without one never collide', async () => {
    const { db, repos } = await withProject();
    await repos.entries.importMany(rows(1));
    const s = at('2026-03-02', '20:00', NY);
    await repos.entries.create({ projectId: null, start: s, end: s + 1, zone: NY });
    await repos.entries.create({ projectId: null, start: s + 2, end: s + 3, zone: NY });
    const copy = { ...(await db.entries.toArray())[0]!, id: 'other' };
    await expect(db.entries.add(copy)).rejects.toThrow(/ConstraintError|unique|constraint/i);
  });
});

describe('the door: entry changes and their QuickBooks outbox rows commit together', () => {
  /** A project mapped to the Cool Cars company, so approved time has a TimeActivity to send. */
  async function mappedProject() {
    const env = await withProject();
    await env.repos.settings.set('currency', 'USD');
    await seedCoolCars(env.repos);
    await env.repos.projects.update(env.project.id, { rateMinor: 12_000, currency: 'USD', qboCustomerId: COOL_CARS.customerId, qboItemId: COOL_CARS.itemId });
    return env;
  }

  it('time nobody approved plans nothing; approving queues its create in the same transaction', async () => {
    const { db, repos, project } = await mappedProject();
    const s = at('2026-03-02', '09:00', NY);
    const e = await repos.entries.create({ projectId: project.id, start: s, end: s + HOUR, zone: NY });
    await repos.entries.update(e.id, { description: 'x' });
    await repos.entries.importMany([{ projectId: project.id, start: s + HOUR, end: s + 2 * HOUR, zone: NY, importKey: 'k' }]);
    expect(await db.outbox.count()).toBe(0);
    const approved = await repos.entries.approve([e.id]);
    expect(approved).toMatchObject({ approved: [e.id], planned: 1 });
    expect((await db.outbox.toArray()).map((r) => [r.key, r.op, r.entryVersions])).toEqual([[`entry:${e.id}`, 'create', [3]]]);
  });

  it('a failing outbox write rolls back the entry and its audit row', async () => {
    const { db, repos, project } = await mappedProject();
    const s = at('2026-03-02', '09:00', NY);
    const e = await repos.entries.create({ projectId: project.id, start: s, end: s + HOUR, zone: NY });
    db.outbox.hook('creating', () => {
      throw new Error('outbox full');
    });
    await expect(repos.entries.approve([e.id])).rejects.toThrow('outbox full');
    expect(await repos.entries.get(e.id)).toMatchObject({ version: 1, status: 'draft' });
    expect(await repos.audit.listForEntity(e.id)).toHaveLength(1);
  });
});

describe('the waiting index (what the reports read as work not yet billed)', () => {
  it('follows an entry from draft to invoiced, and leaves when it is deleted or is non-billable synced time', async () => {
    const env = await testEnv();
    const { repos, db } = env;
    const waiting = async () => (await db.entries.where('waiting').equals(1).primaryKeys()).sort();
    const s = at('2026-03-02', '09:00', NY);
    const a = await repos.entries.create({ projectId: null, start: s, end: s + HOUR, zone: NY, billable: true });
    const b = await repos.entries.create({ projectId: null, start: s + HOUR, end: s + 2 * HOUR, zone: NY, billable: false });
    const c = await repos.entries.create({ projectId: null, start: s + 2 * HOUR, end: s + 3 * HOUR, zone: NY, billable: true });
    expect(await waiting()).toEqual([a.id, b.id, c.id].sort());
    await repos.entries.approve([a.id, b.id]);
    await advanceStatus(repos, [a.id, b.id], 'synced');
    expect(await waiting()).toEqual([a.id, c.id].sort());
    await advanceStatus(repos, [a.id], 'invoiced');
    await repos.entries.delete([c.id]);
    expect(await waiting()).toEqual([]);
  });
});
