// Approving a day or the week from the timesheet: the count and totals (raw and billed) shown
// before, what is left out and why, and what approving through repos.sync.approve reports after.
import { describe, expect, it } from 'vitest';
import { at, testEnv } from '../db/helpers';
import { describeOutcome, leftOutLines, summarizeApproval } from '../../../renderer/src/features/timesheet/approve-range';

const NY = 'America/New_York';
const MIN = 60_000;

async function week() {
  const env = await testEnv(at('2026-03-06', '15:00', NY));
  const { repos } = env;
  await repos.settings.set('rounding', { incrementMinutes: 15, mode: 'up', scope: 'entry' });
  const website = await repos.projects.create({ name: 'Website' });
  const logo = await repos.projects.create({ name: 'Logo' });
  const add = (projectId: string | null, date: string, from: string, minutes: number, extra: { source?: 'import' | 'activity' } = {}) =>
    repos.entries.create({ projectId, start: at(date, from, NY), end: at(date, from, NY) + minutes * MIN, zone: NY, ...extra });
  // Tuesday: typed, imported and review-accepted drafts, one approved already, one without a project.
  const typed = await add(website.id, '2026-03-03', '09:00', 67); // billed 75
  const imported = await add(website.id, '2026-03-03', '11:00', 30, { source: 'import' }); // billed 30
  const reviewed = await add(logo.id, '2026-03-03', '13:00', 10, { source: 'activity' }); // billed 15
  const done = await add(website.id, '2026-03-03', '16:00', 60);
  await repos.entries.approve([done.id]);
  const loose = await add(null, '2026-03-03', '17:00', 20);
  // Friday: a timer still running since 14:00.
  await repos.entries.startTimer(website.id, null, at('2026-03-06', '14:00', NY), NY);
  const thursday = await add(logo.id, '2026-03-05', '09:00', 45);
  return { ...env, website, logo, typed, imported, reviewed, done, loose, thursday };
}

describe('approving a range from the timesheet', () => {
  it('counts a day’s drafts with raw and billed totals per project, and says what is left out and why', async () => {
    const { repos, clock, website, logo, typed, imported, reviewed } = await week();
    const sheet = await repos.views.timesheetTotals('2026-03-02', NY);
    const day = summarizeApproval(sheet.entries, sheet.billed, ['2026-03-03'], clock.now);
    expect(day.toApprove.map((e) => e.id).sort()).toEqual([typed.id, imported.id, reviewed.id].sort());
    expect({ count: day.count, raw: day.rawMs / MIN, billed: day.billedMs / MIN }).toEqual({ count: 3, raw: 107, billed: 120 });
    expect(day.byProject).toEqual([
      { projectId: website.id, count: 2, rawMs: 97 * MIN, billedMs: 105 * MIN },
      { projectId: logo.id, count: 1, rawMs: 10 * MIN, billedMs: 15 * MIN },
    ]);
    expect(leftOutLines(day)).toEqual([
      '1 entry (1:00) is approved already.',
      '1 entry without a project (0:20): QuickBooks needs the project’s customer, so give it a project first.',
    ]);

    const wholeWeek = summarizeApproval(sheet.entries, sheet.billed, sheet.days, clock.now);
    expect({ count: wholeWeek.count, raw: wholeWeek.rawMs / MIN, billed: wholeWeek.billedMs / MIN }).toEqual({ count: 4, raw: 152, billed: 165 });
    expect(leftOutLines(wholeWeek)[0]).toBe('A timer is still running (1:00 so far): stop it first.');
  });

  it('approves through repos.sync.approve and says what happened, pre-flight problems included', async () => {
    const { repos, clock, typed, imported, reviewed } = await week();
    const sheet = await repos.views.timesheetTotals('2026-03-02', NY);
    const day = summarizeApproval(sheet.entries, sheet.billed, ['2026-03-03'], clock.now);
    // One of them was approved elsewhere in the meantime (another window, the Today screen).
    await repos.entries.approve([reviewed.id]);
    const result = await repos.entries.approve(day.toApprove.map((e) => e.id));
    expect(result.approved.sort()).toEqual([typed.id, imported.id].sort());
    for (const id of [typed.id, imported.id]) expect((await repos.entries.get(id))!.status).toBe('approved');

    const { lines, problems } = describeOutcome(result, day);
    expect(lines).toEqual([
      'Approved 2 entries (1:37, billed 1:45).',
      '1 entry not approved: already approved.',
      'All of them are held back from QuickBooks until these are fixed (the QuickBooks screen’s Sync tab has the details):',
    ]);
    // No QuickBooks company is connected in this test: pre-flight says what is missing, in words.
    expect(problems).toContain('No employee or vendor is linked to you in QuickBooks; choose yours in the QuickBooks settings.');
    expect(problems).toContain("Project 'Website' is not linked to a QuickBooks customer.");
    expect(problems.join(' ')).not.toMatch(/id-\d|entry:/);
  });

  it('names each kind of pre-flight problem once, however many projects have it', () => {
    const asked = { count: 3, rawMs: 3 * 60 * MIN, billedMs: 3 * 60 * MIN, byProject: [], running: { count: 0, rawMs: 0, billedMs: 0 }, approved: { count: 0, rawMs: 0, billedMs: 0 }, noProject: { count: 0, rawMs: 0, billedMs: 0 },
      toApprove: ['a', 'b', 'c'].map((id) => ({ id, rawMs: 60 * MIN, billedMs: 60 * MIN })) };
    const issues = [
      { entryId: 'a', blocking: true, code: 'customer_unmapped' as const, message: "Project 'Website' is not linked to a QuickBooks customer." },
      { entryId: 'b', blocking: true, code: 'customer_unmapped' as const, message: "Project 'Logo' is not linked to a QuickBooks customer." },
      { entryId: 'a', blocking: false, code: 'item_not_service' as const, message: "Item 'Hours' is a NonInventory item, not a service; time is usually recorded against a service." },
    ];
    expect(describeOutcome({ approved: ['a', 'b', 'c'], skipped: [], issues, refused: [] }, asked)).toEqual({
      lines: [
        'Approved 3 entries (3:00).',
        "Note: Item 'Hours' is a NonInventory item, not a service; time is usually recorded against a service.",
        '2 of them are held back from QuickBooks until this is fixed (the QuickBooks screen’s Sync tab has the details):',
      ],
      problems: ['Project not linked to a customer (2 entries).'],
    });
  });

  it('says nothing was approved when there was nothing left to approve', () => {
    const summary = summarizeApproval([], new Map(), ['2026-03-03'], 0);
    expect(describeOutcome({ approved: [], skipped: [], issues: [], refused: [] }, summary)).toEqual({ lines: ['Nothing was approved.'], problems: [] });
  });
});
