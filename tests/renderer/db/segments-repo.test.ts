import { describe, expect, it } from 'vitest';
import type { ActivitySegment } from '../../../renderer/src/db/schema';
import { at, testEnv } from './helpers';

const NY = 'America/New_York';
const seg = (id: string, start: number, end: number, title = 'README.md — Code'): ActivitySegment => ({
  id, start, end, app: 'Code', title, url: null, kind: 'active',
});

describe('activity segments', () => {
  it('replaying the same batch (capture journal after a crash) changes nothing', async () => {
    const { db, repos } = await testEnv();
    const t = at('2026-03-02', '09:00', NY);
    const batch = [seg('a', t, t + 60_000), seg('b', t + 60_000, t + 120_000)];
    expect(await repos.segments.upsertMany(batch, NY)).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });
    const replay = await repos.segments.upsertMany(batch, NY);
    expect(replay).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect(replay.acks).toEqual([{ id: 'a', end: t + 60_000 }, { id: 'b', end: t + 120_000 }]);
    expect(await db.segments.count()).toBe(2);
  });

  it('a growing segment is updated, a stale shorter replay does not shrink it, and review is kept', async () => {
    const { repos } = await testEnv();
    const t = at('2026-03-02', '09:00', NY);
    await repos.segments.upsertMany([seg('a', t, t + 60_000)], NY);
    await repos.segments.markReviewed(['a']);
    await repos.segments.setSuggestion('a', 'p1');
    expect(await repos.segments.upsertMany([seg('a', t, t + 300_000)], NY)).toMatchObject({ updated: 1 });
    const stale = await repos.segments.upsertMany([seg('a', t, t + 60_000)], NY);
    expect(stale).toMatchObject({ unchanged: 1, acks: [{ id: 'a', end: t + 300_000 }] });
    const [stored] = await repos.segments.listDay('2026-03-02');
    expect(stored).toMatchObject({ end: t + 300_000, reviewed: true, suggestedProjectId: 'p1' });
  });

  it('dates segments in the capture zone: 23:30 in New York belongs to that day, not the UTC one', async () => {
    const { repos } = await testEnv();
    const late = at('2026-03-08', '23:30', NY);
    await repos.segments.upsertMany([seg('late', late, late + 60_000), seg('next', late + 3_600_000, late + 3_660_000)], NY);
    expect((await repos.segments.listDay('2026-03-08')).map((s) => s.id)).toEqual(['late']);
    expect((await repos.segments.listDay('2026-03-09')).map((s) => s.id)).toEqual(['next']);
  });

  it('an away period is stored when it starts and completed when it ends, keeping the decision', async () => {
    const { repos } = await testEnv();
    const t = at('2026-03-02', '12:00', NY);
    await repos.segments.upsertAway({ id: 'w1', start: t, end: null, reason: 'idle' }, NY);
    await repos.segments.resolveAway('w1', 'discard');
    await repos.segments.upsertAway({ id: 'w1', start: t, end: t + 1_800_000, reason: 'idle' }, NY);
    expect(await repos.segments.listAwayDay('2026-03-02')).toEqual([
      { id: 'w1', start: t, end: t + 1_800_000, reason: 'idle', localDate: '2026-03-02', resolution: 'discard' },
    ]);
  });

  it('lists the ended, undecided away periods since a time, oldest first (asked again on start)', async () => {
    const { repos } = await testEnv();
    const t = at('2026-03-02', '12:00', NY);
    const H = 3_600_000;
    await repos.segments.upsertAway({ id: 'late', start: t + 3 * H, end: t + 4 * H, reason: 'lock' }, NY);
    await repos.segments.upsertAway({ id: 'early', start: t + H, end: t + 2 * H, reason: 'idle' }, NY);
    await repos.segments.upsertAway({ id: 'decided', start: t + 2 * H, end: t + 3 * H, reason: 'idle' }, NY);
    await repos.segments.resolveAway('decided', 'keep');
    await repos.segments.upsertAway({ id: 'ongoing', start: t + 5 * H, end: null, reason: 'idle' }, NY);
    await repos.segments.upsertAway({ id: 'old', start: t - 48 * H, end: t - 47 * H, reason: 'idle' }, NY);
    expect((await repos.segments.listUndecidedAway(t)).map((r) => r.id)).toEqual(['early', 'late']);
  });
});
