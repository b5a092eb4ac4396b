// @vitest-environment jsdom
// The Today screen as a component over a fake IndexedDB: a new user creates a project in the
// picker, starts with Enter in the description, and stops; the empty state shows until then.
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ReposProvider } from '../../../renderer/src/data/repos-context';
import { TodayScreen } from '../../../renderer/src/features/day/TodayScreen';
import { useTimerChoice } from '../../../renderer/src/features/timer/timer-errors';

afterEach(() => {
  cleanup();
  useTimerChoice.setState({ projectId: undefined });
});

let n = 0;
const renderToday = () => render(<ReposProvider dbName={`today-${++n}`}><TodayScreen /></ReposProvider>);

describe('Today screen', () => {
  it('creates a project inline, starts with Enter and stops', async () => {
    renderToday();
    expect(await screen.findByRole('heading', { name: 'Nothing tracked today' })).toBeTruthy();

    fireEvent.click(await screen.findByRole('button', { name: 'Project: No project' }));
    const picker = screen.getByRole('dialog', { name: 'Project' });
    // No projects yet: the create form is open right away.
    fireEvent.change(within(picker).getByLabelText('Project name'), { target: { value: 'Website' } });
    fireEvent.change(within(picker).getByLabelText(/Client/), { target: { value: 'Acme' } });
    fireEvent.click(within(picker).getByRole('button', { name: 'Create and choose' }));
    await screen.findByRole('button', { name: 'Project: Acme · Website' });

    const description = screen.getByLabelText('What are you working on?');
    fireEvent.change(description, { target: { value: 'Landing page' } });
    fireEvent.keyDown(description, { key: 'Enter' });
    await screen.findByRole('timer', { name: 'Elapsed time' });
    const list = await screen.findByRole('list', { name: 'Today’s entries' });
    expect(within(list).getByText('Landing page')).toBeTruthy();
    expect(within(list).getByText('running')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Switch project: Acme · Website' })).toBeTruthy();

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /Stop/ }));
    });
    await waitFor(() => expect(screen.queryByRole('timer')).toBeNull());
    expect(await within(list).findByText('draft')).toBeTruthy();
  });

  it('search narrows the projects, grouped by client', async () => {
    renderToday();
    fireEvent.click(await screen.findByRole('button', { name: 'Project: No project' }));
    let picker = screen.getByRole('dialog', { name: 'Project' });
    fireEvent.change(within(picker).getByLabelText('Project name'), { target: { value: 'Website' } });
    fireEvent.change(within(picker).getByLabelText(/Client/), { target: { value: 'Acme' } });
    fireEvent.click(within(picker).getByRole('button', { name: 'Create and choose' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Project: Acme · Website' }));
    picker = screen.getByRole('dialog', { name: 'Project' });
    fireEvent.click(within(picker).getByRole('button', { name: 'Create project…' }));
    fireEvent.change(within(picker).getByLabelText('Project name'), { target: { value: 'Logo' } });
    fireEvent.change(within(picker).getByLabelText(/Client/), { target: { value: 'Globex' } });
    fireEvent.click(within(picker).getByRole('button', { name: 'Create and choose' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Project: Globex · Logo' }));

    picker = screen.getByRole('dialog', { name: 'Project' });
    expect(within(picker).getByRole('group', { name: 'Acme' })).toBeTruthy();
    expect(within(picker).getByRole('group', { name: 'Globex' })).toBeTruthy();
    fireEvent.change(within(picker).getByLabelText('Search projects'), { target: { value: 'acm' } });
    expect(within(picker).queryByRole('group', { name: 'Globex' })).toBeNull();
    fireEvent.keyDown(within(picker).getByLabelText('Search projects'), { key: 'Enter' });
    await screen.findByRole('button', { name: 'Project: Acme · Website' });
  });
});
