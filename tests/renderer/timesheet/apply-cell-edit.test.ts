// A timesheet cell edit against real repositories (fake-indexeddb): planning writes nothing, the
// write is one transaction (a failure halfway leaves nothing), undo puts back exactly the previous
// entries, and entries changed or approved in the meantime are refused, never overwritten.
import { describe, expect, it } from 'vitest';
import type { EntryRow } from '../../../renderer/src/db/schema';
import { applyCellPlan, planCell, undoCellEdit, type CellRef } from '../../../renderer/src/features/timesheet/apply-cell-edit';
import { at, testEnv } from '../db/helpers';

const NY = 'America/New_York';
const MIN = 60_000;
const H = 60 * MIN;
const DAY = '2026-03-03';

/** What a person sees of the day's live entries (ids aside). */
const visible = (rows: EntryRow[]) =>
  rows.map(({ projectId, taskId, description, start, end, zone, source, billable, status }) => ({ projectId, taskId, description, start, end, zone, source, billable, status }));

async function day() {
  const env = await testEnv(at('2026-03-05', '15:00', NY));
  const { repos } = env;
  const website = await repos.projects.create({ name: 'Website' });
  const design = await repos.tasks.create({ projectId: website.id, name: 'Design' });
  const words = await repos.entries.create({ projectId: website.id, taskId: design.id, description: 'Wireframes', start: at(DAY, '09:00', NY), end: at(DAY, '11:00', NY), zone: NY });
  const blank = await repos.entries.create({ projectId: website.id, taskId: null, start: at(DAY, '14:00', NY), end: at(DAY, '15:00', NY), zone: NY });
  const ref: CellRef = { projectId: website.id, date: DAY, zone: NY };
  return { ...env, website, design, words, blank, ref };
}

describe('a timesheet cell edit', () => {
  it('writes nothing while planned; lowering then undo puts back exactly the previous entries', async () => {
    const { repos, words, blank, ref } = await day();
    const before = await repos.entries.listDay(DAY);

    const plan = await planCell(repos, ref, 1.5 * H);
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.ask).toBe(true);
    expect(plan.steps).toEqual([{ kind: 'delete', entry: expect.objectContaining({ id: blank.id }) }, { kind: 'trim', entry: expect.objectContaining({ id: words.id }), end: at(DAY, '10:30', NY) }]);
    expect(await repos.entries.listDay(DAY)).toEqual(before);

    const written = await applyCellPlan(repos, ref, plan.steps);
    if (!written.ok) throw new Error(written.message);
    const after = await repos.entries.listDay(DAY);
    expect(after.map((e) => [e.id, e.description, e.end])).toEqual([[words.id, 'Wireframes', at(DAY, '10:30', NY)]]);
    // A deleted entry goes to the trash, like any other delete.
    expect((await repos.trash.list()).map((e) => e.id)).toEqual([blank.id]);

    expect(await undoCellEdit(repos, written.undo)).toEqual({ ok: true });
    const restored = await repos.entries.listDay(DAY);
    expect(visible(restored)).toEqual(visible(before));
    // Both are the same entries again, not copies, and the trash holds nothing to restore twice.
    expect(restored.find((e) => e.description === 'Wireframes')!.id).toBe(words.id);
    expect(restored.map((e) => e.id).sort()).toEqual(before.map((e) => e.id).sort());
    expect(await repos.trash.list()).toEqual([]);
  });

  it('a raise adds time to the row’s task, and undo takes it away again', async () => {
    const { repos, design, ref } = await day();
    const before = await repos.entries.listDay(DAY);
    const taskRef = { ...ref, taskId: design.id };
    const plan = await planCell(repos, taskRef, 3 * H);
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.ask).toBe(false);
    const written = await applyCellPlan(repos, taskRef, plan.steps);
    if (!written.ok) throw new Error(written.message);
    const added = (await repos.entries.listDay(DAY)).find((e) => !before.some((b) => b.id === e.id))!;
    expect(added).toMatchObject({ taskId: design.id, start: at(DAY, '15:00', NY), end: at(DAY, '16:00', NY), source: 'manual', status: 'draft' });
    await undoCellEdit(repos, written.undo);
    expect(await repos.entries.listDay(DAY)).toEqual(before);
  });

  it('is one transaction: when a later step fails, the earlier ones are not written either', async () => {
    const { repos, words, ref } = await day();
    const plan = await planCell(repos, ref, 1.5 * H);
    if (!plan.ok) throw new Error(plan.message);
    // The second step (shortening Wireframes) meets an entry changed since the plan was made.
    await repos.entries.update(words.id, { description: 'Wireframes, second pass' });
    const before = await repos.entries.listDay(DAY);
    const written = await applyCellPlan(repos, ref, plan.steps);
    expect(written).toEqual({ ok: false, message: 'These entries changed in the meantime. Nothing was changed. Check the cell and try again.' });
    expect(await repos.entries.listDay(DAY)).toEqual(before);
  });

  it('refuses to change time approved while the question was open', async () => {
    const { repos, words, ref } = await day();
    const plan = await planCell(repos, ref, H);
    if (!plan.ok) throw new Error(plan.message);
    await repos.entries.approve([words.id]);
    const before = await repos.entries.listDay(DAY);
    const written = await applyCellPlan(repos, ref, plan.steps);
    expect(written.ok).toBe(false);
    if (!written.ok) expect(written.message).toMatch(/approved in the meantime/);
    expect(await repos.entries.listDay(DAY)).toEqual(before);
  });

  it('undo refuses, changing nothing, once those entries changed again', async () => {
    const { repos, words, ref } = await day();
    const plan = await planCell(repos, ref, 1.5 * H);
    if (!plan.ok) throw new Error(plan.message);
    const written = await applyCellPlan(repos, ref, plan.steps);
    if (!written.ok) throw new Error(written.message);
    await repos.entries.update(words.id, { description: 'Wireframes, final' });
    const before = await repos.entries.listDay(DAY);
    const undone = await undoCellEdit(repos, written.undo);
    expect(undone).toEqual({ ok: false, message: 'These entries changed in the meantime. Nothing was undone. Check the cell and try again.' });
    expect(await repos.entries.listDay(DAY)).toEqual(before);
  });
});
