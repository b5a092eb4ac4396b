// @vitest-environment jsdom
// The day view as a component over a fake IndexedDB: a past day shows its entries with their task,
// their billed time beside the raw time with the rule that made the difference, long descriptions
// clamped; the timer starts on a chosen task.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { addLocalDays } from '../../../shared/time/local-date';
import { zonedInstant } from '../../../shared/time/zone';
import { currentZone, today } from '../../../renderer/src/app/clock';
import { useUi } from '../../../renderer/src/app/ui-store';
import { ReposProvider } from '../../../renderer/src/data/repos-context';
import { openDatabase } from '../../../renderer/src/db/database';
import { createRepos } from '../../../renderer/src/db/repos';
import { useTimerChoice, useTimerErrors } from '../../../renderer/src/features/timer/timer-errors';
import { TodayScreen } from '../../../renderer/src/features/day/TodayScreen';

afterEach(() => {
  cleanup();
  useTimerErrors.getState().clear();
  useTimerChoice.setState({ projectId: undefined, taskId: undefined });
  useUi.getState().showDay(null);
});

let n = 0;

/** A workspace with Acme · Website rounding up to 15 minutes, its task Design, and one entry yesterday. */
async function seed(description: string) {
  const name = `day-view-${++n}`;
  const repos = createRepos(await openDatabase(name));
  const zone = currentZone();
  const yesterday = addLocalDays(today(zone), -1);
  const client = await repos.clients.create({ name: 'Acme' });
  const website = await repos.projects.create({ name: 'Website', clientId: client.id, rounding: { incrementMinutes: 15, mode: 'up' } });
  const design = await repos.tasks.create({ projectId: website.id, name: 'Design' });
  await repos.tasks.create({ projectId: website.id, name: 'Meetings' });
  await repos.entries.create({
    projectId: website.id, taskId: design.id, description, zone, source: 'manual',
    start: zonedInstant(yesterday, '09:00', zone), end: zonedInstant(yesterday, '09:07', zone),
  });
  return { name, repos, yesterday, website, design };
}

describe('the day view', () => {
  it('shows a past day’s entry with its task, and billed time beside raw time with the rule', async () => {
    const long = `Kick-off notes: ${'scope and milestones, '.repeat(30)}end.`;
    const { name, yesterday } = await seed(long);
    useUi.getState().showDay(yesterday);
    render(<ReposProvider dbName={name}><TodayScreen /></ReposProvider>);

    const list = await screen.findByRole('list', { name: /^Entries on / });
    const item = await within(list).findByRole('listitem');
    expect(item.textContent).toContain('Acme · Website · Design');
    expect(item.textContent).toContain('0:07');
    expect(item.textContent).toMatch(/billed 0:15 \(15 min up, per entry\)/);
    expect(within(item).getByText(/^billed/).getAttribute('title')).toBe('15 min up, per entry (project rule)');
    expect(screen.getByTestId('total').textContent).toBe('0:07');
    expect(screen.getByTestId('billed').textContent).toBe('0:15');

    // A long description is clamped, with a way to read it whole.
    const more = within(item).getByRole('button', { name: 'Show all' });
    expect(item.querySelector('.entry-description.clamped')).not.toBeNull();
    fireEvent.click(more);
    expect(item.querySelector('.entry-description.clamped')).toBeNull();
    expect(within(item).getByRole('button', { name: 'Show less' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('does not show billed time where rounding changes nothing', async () => {
    const { name, repos, yesterday, website } = await seed('Short');
    await repos.projects.update(website.id, { rounding: null });
    useUi.getState().showDay(yesterday);
    render(<ReposProvider dbName={name}><TodayScreen /></ReposProvider>);
    const item = await within(await screen.findByRole('list', { name: /^Entries on / })).findByRole('listitem');
    expect(item.textContent).not.toContain('billed');
    expect(screen.queryByTestId('billed')).toBeNull();
  });

  it('starts the timer on the task chosen beside the project', async () => {
    const { name, repos, website } = await seed('Earlier work');
    render(<ReposProvider dbName={name}><TodayScreen /></ReposProvider>);
    // The last used project is offered, with its tasks.
    await screen.findByRole('button', { name: 'Project: Acme · Website' });
    const task = await screen.findByRole('combobox', { name: 'Task' });
    expect([...(task as HTMLSelectElement).options].map((o) => o.text)).toEqual(['No task', 'Design', 'Meetings']);
    fireEvent.change(task, { target: { value: (await repos.tasks.listForProject(website.id)).find((t) => t.name === 'Meetings')!.id } });
    fireEvent.click(screen.getByRole('button', { name: /Start/ }));
    await waitFor(async () => expect((await repos.entries.running())?.taskId).toBeTruthy());
    const running = (await repos.entries.running())!;
    expect((await repos.tasks.get(running.taskId!))?.name).toBe('Meetings');
    expect(await within(await screen.findByRole('list', { name: 'Today’s entries' })).findByText(/· Meetings/)).toBeTruthy();
  });

  it('a timer error goes once its cause is gone: another timer runs', async () => {
    const { name, repos, website } = await seed('Earlier work');
    render(<ReposProvider dbName={name}><TodayScreen /></ReposProvider>);
    await screen.findByRole('button', { name: 'Project: Acme · Website' });
    // As the tray bridge reports a command that could not run.
    useTimerErrors.getState().report('A timer is already running. Stop it first, or choose another project to switch to.');
    expect((await screen.findByRole('alert')).textContent).toMatch(/^A timer is already running/);
    await repos.entries.startTimer(website.id, null, Date.now(), currentZone());
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });
});
