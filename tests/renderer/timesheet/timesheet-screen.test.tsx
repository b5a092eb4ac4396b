// @vitest-environment jsdom
// The Timesheet screen over real repositories (fake-indexeddb), on a fixed Wednesday afternoon:
// lowering a cell asks first and changes nothing until confirmed, and undo restores the entries;
// rounding shows beneath the raw time; rows split by task; a day is approved with its totals.
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReposProvider } from '../../../renderer/src/data/repos-context';
import { openDatabase } from '../../../renderer/src/db/database';
import { createRepos, type Repos } from '../../../renderer/src/db/repos';
import type { EntryRow } from '../../../renderer/src/db/schema';
import { TimesheetScreen } from '../../../renderer/src/features/timesheet/TimesheetScreen';
import { zonedInstant } from '../../../shared/time/zone';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const TUESDAY = '2026-03-03';
const at = (date: string, time: string) => zonedInstant(date, time, zone);

let n = 0;
let dbName: string;
let repos: Repos;
let ids: { project: string; design: string; build: string; words: string; blank: string };

beforeEach(async () => {
  // Only Date is faked: "today" is Wednesday 4 March, 15:00; IndexedDB's timers run as usual.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at('2026-03-04', '15:00'));
  dbName = `timesheet-${++n}`;
  repos = createRepos(await openDatabase(dbName));
  const acme = await repos.clients.create({ name: 'Acme' });
  const project = await repos.projects.create({ name: 'Website', clientId: acme.id });
  const design = await repos.tasks.create({ projectId: project.id, name: 'Design' });
  const build = await repos.tasks.create({ projectId: project.id, name: 'Build' });
  const words = await repos.entries.create({ projectId: project.id, taskId: design.id, description: 'Wireframes', start: at(TUESDAY, '09:00'), end: at(TUESDAY, '10:00'), zone });
  const blank = await repos.entries.create({ projectId: project.id, taskId: null, start: at(TUESDAY, '14:00'), end: at(TUESDAY, '15:00'), zone });
  ids = { project: project.id, design: design.id, build: build.id, words: words.id, blank: blank.id };
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const renderSheet = () => render(<ReposProvider dbName={dbName}><TimesheetScreen /></ReposProvider>);
const tuesday = () => repos.entries.listDay(TUESDAY);
const visible = (rows: EntryRow[]) => rows.map(({ projectId, taskId, description, start, end, zone: z, source, billable, status }) => ({ projectId, taskId, description, start, end, zone: z, source, billable, status }));

async function type(label: string, value: string) {
  const input = (await screen.findByLabelText(label)) as HTMLInputElement;
  await act(async () => {
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value } });
    fireEvent.blur(input);
  });
  return input;
}

describe('Timesheet screen', () => {
  it('lowering a cell lists the entries that change and asks; nothing changes until confirmed; undo restores them', async () => {
    const before = await tuesday();
    renderSheet();
    const cell = 'Acme · Website, Tue 3 Mar';
    expect(((await screen.findByLabelText(cell)) as HTMLInputElement).value).toBe('2:00');

    await type(cell, '1:30');
    let dialog = await screen.findByRole('dialog', { name: 'Lower Acme · Website on Tue 3 Mar to 1:30?' });
    const list = within(dialog).getByRole('list', { name: 'Entries that change' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['14:00–15:00No descriptionends at 14:30 instead of 15:00']);
    expect(await tuesday()).toEqual(before);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(async () => expect(((await screen.findByLabelText(cell)) as HTMLInputElement).value).toBe('2:00'));
    expect(await tuesday()).toEqual(before);

    await type(cell, '0:30');
    dialog = await screen.findByRole('dialog', { name: 'Lower Acme · Website on Tue 3 Mar to 0:30?' });
    expect(within(dialog).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '14:00–15:00No descriptiondeleted',
      '09:00–10:00Wireframesends at 09:30 instead of 10:00',
    ]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lower to 0:30' }));
    const notice = await screen.findByText('Acme · Website on Tue 3 Mar: 2:00 → 0:30.');
    expect((await tuesday()).map((e) => [e.id, e.description, e.end])).toEqual([[ids.words, 'Wireframes', at(TUESDAY, '09:30')]]);

    fireEvent.click(within(notice.closest('[role="status"]') as HTMLElement).getByRole('button', { name: 'Undo' }));
    await screen.findByText('Undone: Acme · Website on Tue 3 Mar is back to 2:00.');
    const restored = await tuesday();
    expect(visible(restored)).toEqual(visible(before));
    expect(restored.find((e) => e.description === 'Wireframes')!.id).toBe(ids.words);
  });

  it('never deletes an entry with a description: asking for less says why and changes nothing', async () => {
    const before = await tuesday();
    renderSheet();
    await type('Acme · Website, Tue 3 Mar', '0');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This cell can go down to 0:01, not lower.');
    expect(alert.textContent).toContain('“Wireframes”');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await tuesday()).toEqual(before);
  });

  it('shows raw time in the cell and billed time beneath it, with the rule as its description', async () => {
    await repos.settings.set('rounding', { incrementMinutes: 15, mode: 'up', scope: 'entry' });
    await repos.entries.update(ids.blank, { end: at(TUESDAY, '14:07') });
    renderSheet();
    const input = (await screen.findByLabelText('Acme · Website, Tue 3 Mar')) as HTMLInputElement;
    await waitFor(() => expect(input.value).toBe('1:07'));
    const description = (input.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent).join(' ');
    expect(description).toBe('billed 1:15 Rounding: 15 min up, per entry (workspace rule)');
    expect(screen.getByTestId('week-total').textContent).toBe('1:07');
    expect(screen.getByTestId('week-total-billed').textContent).toBe('billed 1:15');
    expect(screen.getByTestId('week-total-billed').getAttribute('title')).toMatch(/^Billed 1:15 for 1:07/);
  });

  it('splits a project row by task; typing into a task row adds time to that task', async () => {
    renderSheet();
    const toggle = await screen.findByRole('button', { name: 'Split Acme · Website by task' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(((await screen.findByLabelText('Acme · Website · Design, Tue 3 Mar')) as HTMLInputElement).value).toBe('1:00');
    expect((screen.getByLabelText('Acme · Website · No task, Tue 3 Mar') as HTMLInputElement).value).toBe('1:00');
    expect((screen.getByLabelText('Acme · Website · Build, Tue 3 Mar') as HTMLInputElement).value).toBe('');
    // The open project row shows its tasks' sum and takes no typing itself.
    expect(screen.queryByLabelText('Acme · Website, Tue 3 Mar')).toBeNull();
    expect(screen.getByTestId('row-total-Acme · Website').textContent).toBe('2:00');

    // Arrow keys still move down the rows: Build, then Design.
    const build = screen.getByLabelText('Acme · Website · Build, Tue 3 Mar');
    build.focus();
    fireEvent.keyDown(build, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByLabelText('Acme · Website · Design, Tue 3 Mar'));

    await type('Acme · Website · Build, Thu 5 Mar', '2:00');
    await screen.findByText('Acme · Website · Build on Thu 5 Mar: 0:00 → 2:00.');
    const thursday = await repos.entries.listDay('2026-03-05');
    expect(thursday.map((e) => [e.taskId, e.end! - e.start])).toEqual([[ids.build, 2 * 3_600_000]]);
    await waitFor(() => expect(screen.getByTestId('row-total-Acme · Website · Build').textContent).toBe('2:00'));
  });

  it('approves a day after showing how many entries and their raw and billed totals', async () => {
    await repos.settings.set('rounding', { incrementMinutes: 15, mode: 'up', scope: 'entry' });
    await repos.entries.update(ids.blank, { end: at(TUESDAY, '14:07') });
    renderSheet();
    fireEvent.click(await screen.findByRole('button', { name: 'Approve Tuesday 3 March' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve Tuesday 3 March?' });
    expect(within(dialog).getByTestId('approve-total').textContent).toBe('2 entries, 1:07, billed 1:15');
    expect(within(dialog).getByRole('row', { name: /Acme · Website/ }).textContent).toBe('Acme · Website21:071:15');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve 2 entries' }));
    await screen.findByText('Approved 2 entries (1:07, billed 1:15).');
    expect((await tuesday()).map((e) => e.status)).toEqual(['approved', 'approved']);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Approve Tuesday 3 March' })).toBeNull());
  });

  it('approving the week leaves a running timer out and says why', async () => {
    await repos.entries.startTimer(ids.project, null, at('2026-03-04', '14:00'), zone);
    renderSheet();
    fireEvent.click(await screen.findByRole('button', { name: 'Approve week' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve the week of Mon 2 Mar?' });
    expect(within(dialog).getByTestId('approve-total').textContent).toBe('2 entries, 2:00');
    expect(within(dialog).getByRole('list', { name: 'Left out' }).textContent).toBe('A timer is still running (1:00 so far): stop it first.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((await tuesday()).map((e) => e.status)).toEqual(['draft', 'draft']);
  });
});
