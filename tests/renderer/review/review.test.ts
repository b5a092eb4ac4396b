import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../shared/matcher';
import { countedRuns, projectInfos, proposeDay, splitProposal, suggestDay, type ReviewSegment } from '../../../renderer/src/features/review/review-day';
import { testEnv } from '../db/helpers';

const t0 = Date.UTC(2026, 2, 3, 14, 0);
const min = 60_000;
const seg = (id: string, fromMin: number, toMin: number, title: string, app = 'Code'): ReviewSegment => ({
  id, start: t0 + fromMin * min, end: t0 + toMin * min, app, title, url: null, reviewed: false,
});

async function setup() {
  const env = await testEnv(t0);
  const client = await env.repos.clients.create({ name: 'Acme Corp' });
  const portal = await env.repos.projects.create({ name: 'Customer portal', clientId: client.id });
  const audit = await env.repos.projects.create({ name: 'Tax audit', clientId: (await env.repos.clients.create({ name: 'Globex' })).id });
  const infos = projectInfos(await env.repos.projects.list(), await env.repos.clients.list(), []);
  return { ...env, portal, audit, infos };
}

describe('day-end review', () => {
  it('suggests from project metadata before there is any history, with a reason', async () => {
    const { infos, portal } = await setup();
    const [s] = suggestDay([seg('a', 0, 30, 'customer portal — login.ts — Visual Studio Code')], createMatcher({ projects: infos }));
    expect(s).toMatchObject({ projectId: portal.id });
    expect(s!.reason.length).toBeGreaterThan(5);
  });

  it('re-applies an edited rule to segments not yet reviewed', async () => {
    const { infos, audit } = await setup();
    const day = [seg('a', 0, 30, 'Q3 workbook.xlsx', 'Excel')];
    expect(suggestDay(day, createMatcher({ projects: infos }))[0]!.projectId).toBeNull();
    const rule = { id: 'r1', field: 'title' as const, kind: 'contains' as const, pattern: 'workbook', projectId: audit.id };
    const [after] = suggestDay(day, createMatcher({ projects: infos, rules: [rule] }));
    expect(after).toMatchObject({ projectId: audit.id, reason: expect.stringContaining('rule') });
  });

  it('never counts away time or personal browsing inside a proposal', async () => {
    const { portal } = await setup();
    const suggested = [
      { id: 'a', start: t0, end: t0 + 20 * min, projectId: portal.id, taskId: null, confidence: 0.9, reason: 'x', detail: 'x' },
      { id: 'p', start: t0 + 20 * min, end: t0 + 22 * min, projectId: null, taskId: null, confidence: 0, reason: 'personal', detail: 'personal' },
      { id: 'b', start: t0 + 22 * min, end: t0 + 40 * min, projectId: portal.id, taskId: null, confidence: 0.9, reason: 'x', detail: 'x' },
      { id: 'c', start: t0 + 50 * min, end: t0 + 70 * min, projectId: portal.id, taskId: null, confidence: 0.9, reason: 'x', detail: 'x' },
    ];
    const away = [{ start: t0 + 40 * min, end: t0 + 50 * min }];
    const proposals = proposeDay(suggested, away, { gapFillMinutes: 5, minFragmentMinutes: 3 });
    const runs = proposals.flatMap((p) => countedRuns(p, suggested, away));
    const counted = runs.reduce((sum, r) => sum + r.end - r.start, 0);
    expect(counted).toBe(58 * min);
    expect(runs.some((r) => r.start < t0 + 22 * min && r.end > t0 + 20 * min)).toBe(false);
    expect(runs.some((r) => r.start < t0 + 50 * min && r.end > t0 + 40 * min)).toBe(false);
  });

  it('splits a proposal at a chosen time, keeping every segment on one side', async () => {
    const { portal } = await setup();
    const suggested = [
      { id: 'a', start: t0, end: t0 + 30 * min, projectId: portal.id, taskId: null, confidence: 0.9, reason: 'x', detail: 'x' },
      { id: 'b', start: t0 + 30 * min, end: t0 + 60 * min, projectId: portal.id, taskId: null, confidence: 0.9, reason: 'x', detail: 'x' },
    ];
    const [p] = proposeDay(suggested, [], {});
    const parts = splitProposal(p!, t0 + 30 * min, suggested)!;
    expect(parts.map((x) => x.segmentIds)).toEqual([['a'], ['b']]);
    expect(parts[0]!.durationMs + parts[1]!.durationMs).toBe(p!.durationMs);
    expect(splitProposal(p!, t0, suggested)).toBeNull();
  });

  it('accepting creates draft entries, marks the segments reviewed and teaches the matcher', async () => {
    const { repos, db, audit } = await setup();
    const segments = [seg('a', 0, 25, 'Q3 workbook.xlsx', 'Excel'), seg('b', 25, 50, 'Q3 workbook.xlsx', 'Excel')];
    await repos.segments.upsertMany(segments.map(({ reviewed: _r, ...s }) => ({ ...s, kind: 'active' as const })), 'UTC');
    const { entryIds: ids } = await repos.review.accept({
      runs: [{ start: t0, end: t0 + 50 * min }], projectId: audit.id, taskId: null, description: 'Workpapers', zone: 'UTC', segments,
    });
    expect(ids).toHaveLength(1);
    expect(await db.entries.get(ids[0]!)).toMatchObject({ projectId: audit.id, source: 'activity', status: 'draft', description: 'Workpapers' });
    expect((await db.segments.toArray()).every((s) => s.reviewed)).toBe(true);
    // The lesson is stored: the saved model now holds evidence for the audit project.
    const saved = await repos.matcher.loadModel();
    expect(JSON.stringify(saved.toJSON())).toContain(audit.id);
  });

  it('a failed accept leaves no entry, no reviewed segment and no lesson', async () => {
    const { repos, db } = await setup();
    const segments = [seg('a', 0, 25, 'Q3 workbook.xlsx', 'Excel')];
    await repos.segments.upsertMany(segments.map(({ reviewed: _r, ...s }) => ({ ...s, kind: 'active' as const })), 'UTC');
    await expect(
      repos.review.accept({ runs: [{ start: t0, end: t0 + 25 * min }], projectId: 'no-such-project', taskId: null, description: '', zone: 'UTC', segments }),
    ).rejects.toThrow();
    expect(await db.entries.count()).toBe(0);
    expect((await db.segments.get('a'))!.reviewed).toBe(false);
    expect(await db.matcherState.count()).toBe(0);
  });

  it('rejecting marks segments reviewed and teaches the matcher to abstain on them', async () => {
    const { repos, db, infos } = await setup();
    const segments = [seg('n', 0, 40, 'Latest headlines — News', 'Firefox')];
    await repos.segments.upsertMany(segments.map(({ reviewed: _r, ...s }) => ({ ...s, kind: 'active' as const })), 'UTC');
    await repos.review.reject(segments);
    expect((await db.segments.get('n'))!.reviewed).toBe(true);
    const matcher = createMatcher({ projects: infos, model: await repos.matcher.loadModel() });
    expect(matcher.suggest({ app: 'Firefox', title: 'Latest headlines — News', url: null }).projectId).toBeNull();
  });

  it('refuses a rule pattern RE2 cannot run with the matcher’s message', async () => {
    const { repos, audit } = await setup();
    await expect(repos.matcher.saveRule({ field: 'title', kind: 'regex', pattern: 'ACME(?=-\\d)', projectId: audit.id })).rejects.toThrow(
      /uses a look-ahead, which Track Nexus does not support/,
    );
    expect(await repos.matcher.listRules()).toEqual([]);
    const saved = await repos.matcher.saveRule({ field: 'title', kind: 'contains', pattern: 'ACME-', projectId: audit.id });
    expect(await repos.matcher.listRules()).toEqual([saved]);
  });
});
