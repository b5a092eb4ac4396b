// Review decisions kept on their segments: undo (entries gone through the sync door, windows open
// again, the matcher as it was), reopening a day without duplicates, and assigning one window once.
import { describe, expect, it } from 'vitest';
import { createMatcher, type LearnedModel } from '../../../shared/matcher';
import { acceptInput } from '../../../renderer/src/features/review/accept-input';
import { buildReviewDay, projectInfos, suggestReviewDay, type ReviewSegment } from '../../../renderer/src/features/review/review-day';
import { UndoRefusedError } from '../../../renderer/src/db/repos';
import { testEnv } from '../db/helpers';

const t0 = Date.UTC(2026, 2, 3, 9, 0);
const min = 60_000;
const DAY = '2026-03-03';
const seg = (id: string, fromMin: number, toMin: number, title: string, app = 'Code') => ({
  id, start: t0 + fromMin * min, end: t0 + toMin * min, app, title, url: null, kind: 'active' as const,
});
/** The model's JSON with minutes rounded, so float residue of a subtraction is not a difference. */
const snapshot = (m: LearnedModel) => JSON.stringify(m.toJSON(), (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v));
const asReviewed = (s: ReturnType<typeof seg>) => ({ id: s.id, start: s.start, end: s.end, app: s.app, title: s.title, url: s.url });

async function setup() {
  const env = await testEnv(t0 + 10 * 60 * min);
  const acme = await env.repos.clients.create({ name: 'Acme Corp' });
  const portal = await env.repos.projects.create({ name: 'Customer portal', clientId: acme.id });
  const audit = await env.repos.projects.create({ name: 'Security audit', clientId: acme.id });
  await env.repos.segments.upsertMany(
    [
      seg('p1', 0, 30, 'login.ts — customer portal — Visual Studio Code'),
      seg('p2', 30, 60, 'session.ts — customer portal — Visual Studio Code'),
      seg('a1', 90, 120, 'Security audit findings.docx', 'Word'),
      seg('n1', 130, 140, 'Latest headlines — The Daily News', 'Firefox'),
    ],
    'UTC',
  );
  /** The review as the screen builds it from what is stored now. */
  async function review() {
    const segments: ReviewSegment[] = await env.repos.segments.listDay(DAY);
    const infos = projectInfos(await env.repos.projects.list(), await env.repos.clients.list(), []);
    const matcher = createMatcher({ projects: infos, model: await env.repos.matcher.loadModel() });
    const entries = await env.repos.entries.listDay(DAY);
    return { day: buildReviewDay({ suggestions: suggestReviewDay(segments, matcher), away: [], options: {}, splits: [], entries, now: env.clock.now }), entries };
  }
  return { ...env, portal, audit, review };
}

const liveEntries = async (env: Awaited<ReturnType<typeof setup>>) => (await env.db.entries.toArray()).filter((e) => e.deletedAt == null);

describe('undo a review decision', () => {
  it('deletes its draft entries, opens its windows again and takes back what the matcher learned', async () => {
    const env = await setup();
    const { repos, db, portal, audit } = env;
    const first = await repos.review.accept({ runs: [{ start: t0 + 90 * min, end: t0 + 120 * min }], projectId: audit.id, taskId: null, description: '', zone: 'UTC', segments: [asReviewed(seg('a1', 90, 120, 'Security audit findings.docx', 'Word'))] });
    const modelBefore = snapshot(await repos.matcher.loadModel());

    const { day } = await env.review();
    const portalProposal = day.proposals.find((p) => p.proposal.projectId === portal.id)!;
    const decision = await repos.review.accept(acceptInput(portalProposal.windows, portalProposal.overlap, { projectId: portal.id, taskId: null, description: 'Login', countAll: false }, { zone: 'UTC', entries: [], now: env.clock.now }));
    expect(decision.entryIds).toHaveLength(1);
    expect(snapshot(await repos.matcher.loadModel())).not.toBe(modelBefore);
    const listed = await repos.review.decisionsOfDay(DAY);
    expect(listed.map((d) => [d.kind, d.projectId, d.locked])).toEqual([['accept', portal.id, null], ['accept', audit.id, null]]);

    await repos.review.undo(DAY, [decision.decisionId]);
    expect((await liveEntries(env)).map((e) => e.id)).toEqual(first.entryIds);
    // Deleted through the sync door: soft-deleted with an audit row, like any deleted entry, and not
    // left in the trash to be restored beside a new accept of the same windows.
    expect((await db.entries.get(decision.entryIds[0]!))!.deletedAt).not.toBeNull();
    expect(await db.audit.where('entityId').equals(decision.entryIds[0]!).filter((a) => a.action === 'delete').count()).toBe(1);
    expect(await repos.trash.list()).toEqual([]);
    for (const id of ['p1', 'p2']) {
      const row = await db.segments.get(id);
      expect(row!.reviewed).toBe(false);
      expect(row!.review).toBeUndefined();
    }
    expect(snapshot(await repos.matcher.loadModel())).toBe(modelBefore);
    expect((await env.review()).day.proposals.map((p) => p.key)).toEqual(['p1']);
  });

  it('stays undoable when capture replays or grows a reviewed window', async () => {
    const env = await setup();
    const { repos, db, portal } = env;
    const model = snapshot(await repos.matcher.loadModel());
    const { day } = await env.review();
    const v = day.proposals.find((p) => p.proposal.projectId === portal.id)!;
    const decision = await repos.review.accept(acceptInput(v.windows, v.overlap, { projectId: portal.id, taskId: null, description: '', countAll: false }, { zone: 'UTC', entries: [], now: env.clock.now }));
    await repos.segments.upsertMany([seg('p2', 30, 65, 'session.ts — customer portal — Visual Studio Code')], 'UTC');
    expect((await db.segments.get('p2'))!.review).toMatchObject({ decisionId: decision.decisionId, lesson: { input: { end: t0 + 60 * min } } });
    await repos.review.undo(DAY, [decision.decisionId]);
    expect(await liveEntries(env)).toEqual([]);
    // Unlearned with what it learned (30 minutes), not the grown window's 35.
    expect(snapshot(await repos.matcher.loadModel())).toBe(model);
  });

  it('is refused, changing nothing, once one of its entries is approved, and says why', async () => {
    const env = await setup();
    const { repos, db, portal } = env;
    const { day } = await env.review();
    const v = day.proposals[0]!;
    const decision = await repos.review.accept(acceptInput(v.windows, v.overlap, { projectId: portal.id, taskId: null, description: '', countAll: false }, { zone: 'UTC', entries: [], now: env.clock.now }));
    await repos.entries.approve(decision.entryIds);
    const model = snapshot(await repos.matcher.loadModel());
    const [listed] = await repos.review.decisionsOfDay(DAY);
    expect(listed!.locked).toMatch(/^Its entry is approved\. Undo only takes back entries that are still drafts/);
    await expect(repos.review.undo(DAY, [decision.decisionId])).rejects.toThrow(UndoRefusedError);
    expect((await liveEntries(env)).map((e) => e.status)).toEqual(['approved']);
    expect((await db.segments.get('p1'))!.reviewed).toBe(true);
    expect(snapshot(await repos.matcher.loadModel())).toBe(model);
  });

  it('"not work" can be undone: the windows come back and the matcher forgets them', async () => {
    const env = await setup();
    const { repos, db } = env;
    const model = snapshot(await repos.matcher.loadModel());
    const { day } = await env.review();
    const news = day.unassigned.map((u) => u.window);
    expect(news.map((w) => w.id)).toEqual(['n1']);
    const decision = await repos.review.reject(news);
    expect((await db.segments.get('n1'))!.review).toMatchObject({ kind: 'reject', entryIds: [] });
    await repos.review.undo(DAY, [decision.decisionId]);
    expect((await db.segments.get('n1'))!.reviewed).toBe(false);
    expect(snapshot(await repos.matcher.loadModel())).toBe(model);
  });
});

describe('reopening a reviewed day', () => {
  it('opens every window again, keeps the accepted entries, and proposes no duplicate of them', async () => {
    const env = await setup();
    const { repos, db, portal } = env;
    const model = snapshot(await repos.matcher.loadModel());
    const { day } = await env.review();
    const ctx = { zone: 'UTC', entries: [], now: env.clock.now };
    await repos.review.acceptMany(day.proposals.map((v) => acceptInput(v.windows, v.overlap, { projectId: v.proposal.projectId, taskId: null, description: '', countAll: false }, ctx)));
    await repos.review.reject(day.unassigned.map((u) => u.window));
    const accepted = await liveEntries(env);
    expect(accepted).toHaveLength(2);
    expect((await env.review()).day.windows).toEqual([]);

    expect(await repos.review.reopenDay(DAY)).toEqual({ reopened: 4 });
    expect((await db.segments.toArray()).every((s) => !s.reviewed && s.review === undefined)).toBe(true);
    expect(await liveEntries(env)).toEqual(accepted);
    // What the day taught is taken back, so reviewing it again teaches the matcher once.
    expect(snapshot(await repos.matcher.loadModel())).toBe(model);
    expect(await repos.review.decisionsOfDay(DAY)).toEqual([]);

    // The proposals are back, each wholly in the entries accepted before: accepting adds nothing.
    const again = await env.review();
    const portalAgain = again.day.proposals.find((p) => p.proposal.projectId === portal.id)!;
    expect(portalAgain.overlap).toMatchObject({ freeMs: 0, coveredMs: 60 * min, free: [] });
    const decision = await repos.review.accept(acceptInput(portalAgain.windows, portalAgain.overlap, { projectId: portal.id, taskId: null, description: '', countAll: false }, { ...ctx, entries: again.entries }));
    expect(decision.entryIds).toEqual([]);
    expect(await liveEntries(env)).toHaveLength(2);
    expect((await db.segments.get('p1'))!.reviewed).toBe(true);
  });
});

describe('assigning an unassigned window', () => {
  it('creates one draft entry for that window, makes no rule, and the window is reviewed', async () => {
    const env = await setup();
    const { repos, db, audit } = env;
    const { day } = await env.review();
    const news = day.unassigned.find((u) => u.window.id === 'n1')!;
    const decision = await repos.review.accept(acceptInput([news.window], news.overlap, { projectId: audit.id, taskId: null, description: '', countAll: false }, { zone: 'UTC', entries: [], now: env.clock.now, kind: 'assign' }));
    expect(await liveEntries(env)).toEqual([expect.objectContaining({ id: decision.entryIds[0], projectId: audit.id, start: t0 + 130 * min, end: t0 + 140 * min, status: 'draft' })]);
    expect(await repos.matcher.listRules()).toEqual([]);
    expect((await db.segments.get('n1'))!.review).toMatchObject({ kind: 'assign', projectId: audit.id });
    expect((await env.review()).day.unassigned).toEqual([]);
    expect(JSON.stringify((await repos.matcher.loadModel()).toJSON())).toContain(audit.id);
    expect((await repos.review.decisionsOfDay(DAY)).map((d) => d.kind)).toEqual(['assign']);
  });
});
