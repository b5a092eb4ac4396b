// @vitest-environment jsdom
// Settings › Reminders over a fake IndexedDB: the defaults show, a change is saved as it is made, and
// a clicked reminder (the event from main) opens the screen it names.
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RendererApi } from '../../../shared/ipc/contract';
import { useUi } from '../../../renderer/src/app/ui-store';
import { ReposProvider, useRepos } from '../../../renderer/src/data/repos-context';
import type { Repos } from '../../../renderer/src/db/repos';
import { useQboTab } from '../../../renderer/src/features/quickbooks/qbo-tab-store';
import { RemindersBridge } from '../../../renderer/src/features/reminders/RemindersBridge';
import { RemindersSection } from '../../../renderer/src/features/reminders/RemindersSection';

afterEach(cleanup);

function withRepos(children: React.ReactNode) {
  let repos: Repos | null = null;
  const Grab = () => ((repos = useRepos()), null);
  render(<ReposProvider dbName={`reminders-${Math.random()}`}><Grab />{children}</ReposProvider>);
  return async () => (await waitFor(() => expect(repos).not.toBeNull()), repos!);
}

describe('Settings › Reminders', () => {
  it('shows each reminder with its default and saves a change as it is made', async () => {
    const ready = withRepos(<RemindersSection />);
    const repos = await ready();
    const noTimer = await screen.findByRole('checkbox', { name: 'No timer running during working hours' });
    expect((noTimer as HTMLInputElement).checked).toBe(false);
    expect((screen.getByRole('checkbox', { name: 'A day’s captured activity is not reviewed' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.queryByLabelText('Working hours from')).toBeNull();

    fireEvent.click(noTimer);
    await waitFor(() => expect((screen.getByLabelText('Working hours from') as HTMLInputElement).value).toBe('09:00'));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Sat' }));
    fireEvent.change(screen.getByLabelText('Until'), { target: { value: '07:30' } });
    await waitFor(async () => expect(await repos.settings.get('reminders')).toMatchObject({ noTimer: true, workDays: [1, 2, 3, 4, 5, 6], quietHours: { on: true, start: '20:00', end: '07:30' } }));
  });
});

describe('a clicked reminder', () => {
  it('opens the screen it names: the review at its day, then QuickBooks › Sync', async () => {
    const listeners: Array<(p: unknown) => void> = [];
    const api = {
      invoke: async () => ({ ok: true, value: { companies: [], shown: true } }),
      on: (_event: string, listener: (p: unknown) => void) => (listeners.push(listener), () => {}),
    } as unknown as RendererApi;
    await withRepos(<RemindersBridge api={api} />)();
    await waitFor(() => expect(listeners).toHaveLength(1));
    act(() => listeners[0]!({ target: { screen: 'review', day: '2026-06-10' } }));
    expect(useUi.getState()).toMatchObject({ screen: 'review', day: '2026-06-10' });
    act(() => listeners[0]!({ target: { screen: 'quickbooks', tab: 'sync' } }));
    expect(useUi.getState().screen).toBe('quickbooks');
    expect(useQboTab.getState().tab).toBe('sync');
  });
});
