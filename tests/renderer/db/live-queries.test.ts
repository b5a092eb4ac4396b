// Dexie's liveQuery stays silent unless a global indexedDB exists (as it does in the renderer), so
// this file installs fake-indexeddb globally, before Dexie loads. The databases themselves are still
// the per-test ones from helpers.
import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { at, testEnv } from './helpers';

const NY = 'America/New_York';

/** Next value a live query emits that satisfies `ok`, as a screen using useLiveQuery would see it. */
function nextValue<T>(query: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  return new Promise((resolve, reject) => {
    const sub = liveQuery(query).subscribe({
      next: (v) => {
        if (ok(v)) {
          sub.unsubscribe();
          resolve(v);
        }
      },
      error: reject,
    });
  });
}

describe('screens read through live queries', () => {
  it('the Today view re-renders after a timer starts, and only after the write committed', async () => {
    const { repos } = await testEnv();
    const t = at('2026-03-02', '09:00', NY);
    const updated = nextValue(() => repos.views.loadDay('2026-03-02', NY), (v) => v.running !== null);
    await nextValue(() => repos.views.loadDay('2026-03-02', NY), (v) => v.running === null);
    const { started } = await repos.entries.startTimer(null, null, t, NY);
    const view = await updated;
    expect(view.running?.id).toBe(started.id);
    expect(view.entries.map((e) => e.id)).toEqual([started.id]);
  });

  it('captured activity does not wake the Today view: only entry changes do', async () => {
    const { repos } = await testEnv();
    const t = at('2026-03-02', '09:00', NY);
    let runs = 0;
    const days: string[][] = [];
    const sub = liveQuery(() => {
      runs++;
      return repos.views.loadDay('2026-03-02', NY);
    }).subscribe((v) => days.push(v.entries.map((e) => e.description)));
    await vi.waitFor(() => expect(days).toHaveLength(1), { timeout: 15_000 });
    // A heartbeat's segments and an away period land on the same day. Once another live query has
    // read them, every live query their commits woke has started its re-run.
    await repos.segments.upsertMany([{ id: 's1', start: t, end: t + 60_000, app: 'Code', title: 'x', url: null, kind: 'active' }], NY);
    await repos.segments.upsertAway({ id: 'w1', start: t + 60_000, end: t + 120_000, reason: 'idle' }, NY);
    await nextValue(() => repos.segments.listDay('2026-03-02'), (rows) => rows.length === 1);
    expect(runs).toBe(1);
    await repos.entries.create({ projectId: null, description: 'call', start: t, end: t + 60_000, zone: NY });
    await vi.waitFor(() => expect(days.at(-1)).toEqual(['call']), { timeout: 15_000 });
    sub.unsubscribe();
    expect(days).toEqual([[], ['call']]);
  });

  it('a rolled-back write is never seen by a live query', async () => {
    const { db, repos } = await testEnv();
    const t = at('2026-03-02', '09:00', NY);
    const seen: string[][] = [];
    const sub = liveQuery(() => repos.entries.listDay('2026-03-02')).subscribe((rows) => seen.push(rows.map((e) => e.description)));
    let diskFull = true;
    db.audit.hook('creating', () => {
      if (diskFull) throw new Error('disk full');
    });
    await expect(repos.entries.create({ projectId: null, description: 'lost', start: t, end: t + 60_000, zone: NY })).rejects.toThrow('disk full');
    diskFull = false;
    // A write that commits afterwards: the live query shows it after anything it showed before.
    await repos.entries.create({ projectId: null, description: 'kept', start: t + 120_000, end: t + 180_000, zone: NY });
    await vi.waitFor(() => expect(seen.at(-1)).toEqual(['kept']), { timeout: 15_000 });
    sub.unsubscribe();
    expect(seen.flat()).not.toContain('lost');
  });
});
