// @vitest-environment jsdom
// The watcher mounted as the app mounts it, over a fake IndexedDB, with a fake notifier and a fixed
// clock: crossing 80% shows one notice in the window and one OS notification, later entries below
// 100% add none, "Open project" goes to the project settings.
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useUi } from '../../../renderer/src/app/ui-store';
import { ReposProvider, useRepos } from '../../../renderer/src/data/repos-context';
import type { Repos } from '../../../renderer/src/db/repos';
import { BudgetWatcher } from '../../../renderer/src/features/budgets/BudgetWatcher';
import type { Notice } from '../../../renderer/src/platform/notifier';
import { at } from '../db/helpers';

afterEach(cleanup);

const NY = 'America/New_York';
const HOUR = 3_600_000;
const START = at('2026-03-02', '08:00', NY);

function setup() {
  const notices: Notice[] = [];
  let repos: Repos | null = null;
  const Grab = () => {
    repos = useRepos();
    return null;
  };
  render(
    <ReposProvider dbName={`watcher-${Math.random()}`}>
      <Grab />
      <BudgetWatcher notifier={{ notify: (n) => notices.push(n) }} clock={() => START + 12 * HOUR} />
    </ReposProvider>,
  );
  return { notices, repos: async () => { await waitFor(() => expect(repos).not.toBeNull()); return repos!; } };
}

describe('BudgetWatcher', () => {
  it('alerts once in the window and once through the OS when a project crosses 80%', async () => {
    const { notices, repos: ready } = setup();
    const repos = await ready();
    const project = await repos.projects.create({ name: 'Website redesign' });
    await repos.projects.update(project.id, { budget: { kind: 'hours', limit: 40 * 60 } });
    await repos.entries.create({ projectId: project.id, start: START - 48 * HOUR, end: START - 32 * HOUR, zone: NY });
    expect(screen.queryByRole('status')).toBeNull();
    await act(() => repos.entries.create({ projectId: project.id, start: START - 24 * HOUR, end: START - 24 * HOUR + 16 * HOUR + 48 * 60_000, zone: NY }));

    const notice = await screen.findByRole('status', { name: 'Website redesign has passed 80% of its budget' });
    expect(notice.textContent).toContain('Website redesign has used 82% of its 40:00 h budget (32:48 h).');
    await waitFor(() => expect(notices).toHaveLength(1));
    expect(notices[0]).toMatchObject({ title: 'Website redesign has passed 80% of its budget', body: 'Website redesign has used 82% of its 40:00 h budget (32:48 h).' });

    await act(() => repos.entries.create({ projectId: project.id, start: START - 2 * HOUR, end: START - HOUR, zone: NY }));
    await waitFor(async () => expect((await repos.projects.entriesOf(project.id)).length).toBe(3));
    // Let the watcher look at the new figures: still under 100%, nothing new to say.
    await act(async () => { await new Promise((r) => setTimeout(r, 0)); });
    expect(notices).toHaveLength(1);

    fireEvent.click(screen.getByRole('button', { name: 'Open project' }));
    expect(useUi.getState()).toMatchObject({ screen: 'settings', section: 'projects' });
    expect(screen.queryByRole('status', { name: /Website redesign/ })).toBeNull();
  });
});
